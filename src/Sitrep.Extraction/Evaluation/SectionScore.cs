namespace Sitrep.Extraction.Evaluation;

/// <summary>Precision and recall of one section: system facts matched over system facts, gold matched over gold.</summary>
public sealed record SectionScore(string Section, int System, int SystemMatched, int Gold, int GoldMatched)
{
    public double Precision => System == 0 ? (Gold == 0 ? 1 : 0) : (double)SystemMatched / System;

    public double Recall => Gold == 0 ? 1 : (double)GoldMatched / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}
