package io.burrow.mcp.zim;

/**
 * Facts about one cluster ({@link ZimArchive#clusterInfo(int)}).
 *
 * @param index cluster number
 * @param offset offset of the cluster's info byte in the archive
 * @param compression how it is stored
 * @param extended whether blob offsets are 64-bit
 * @param blobCount number of blobs
 * @param dataSize decompressed size (offset table and blobs)
 */
public record ClusterInfo(int index, long offset, Compression compression, boolean extended, long blobCount,
        long dataSize) {
}
