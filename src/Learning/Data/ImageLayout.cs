namespace Sasg.Learning.Data;

/// <summary>How an image reader shapes one sample's features.</summary>
public enum ImageLayout
{
    /// <summary>One flat vector of rows x columns values, for example [784]; what linear models and MLPs take.</summary>
    Flat,

    /// <summary>Channels, rows, columns, for example [1, 28, 28]; what convolutional models take.</summary>
    ChannelsRowsColumns,
}
