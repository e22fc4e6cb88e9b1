namespace Sasg.Learning.Data;

/// <summary>The content of an IDX images file.</summary>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">Pixels per column of one image.</param>
/// <param name="Columns">Pixels per row of one image.</param>
/// <param name="Pixels">Count x Rows x Columns values in [0, 1], row-major.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, double[] Pixels);
