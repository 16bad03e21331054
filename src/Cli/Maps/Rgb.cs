namespace GpuLm.Cli.Maps;

/// <summary>An 8-bit sRGB colour, the pixel format of the heat maps.</summary>
/// <param name="R">Red, 0 to 255.</param>
/// <param name="G">Green, 0 to 255.</param>
/// <param name="B">Blue, 0 to 255.</param>
internal readonly record struct Rgb(byte R, byte G, byte B);
