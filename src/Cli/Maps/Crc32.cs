namespace GpuLm.Cli.Maps;

/// <summary>The CRC-32 of ISO 3309 and ITU-T V.42, which PNG stores after every chunk.</summary>
/// <remarks>
/// The reflected polynomial 0xEDB88320 with a table per byte, as in the PNG specification's
/// sample code. Written here because System.IO.Hashing is not part of the shared framework.
/// </remarks>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to check.</param>
    /// <returns>The CRC; 0xCBF43926 for the ASCII bytes of "123456789".</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0u, data);

    /// <summary>The CRC of the bytes that gave <paramref name="crc"/> followed by <paramref name="data"/>.</summary>
    /// <param name="crc">The CRC of the bytes before <paramref name="data"/>; 0 for none.</param>
    /// <param name="data">The bytes that follow.</param>
    /// <returns>The CRC of the concatenation.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
        {
            c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        uint[] table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
