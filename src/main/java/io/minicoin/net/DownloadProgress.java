package io.minicoin.net;

/**
 * Told about each block of a download from the peer being followed, for a progress display (the log
 * says it every 100 blocks anyway). Called on the node's event thread: keep it quick.
 */
public interface DownloadProgress {
  /**
   * Called after each block of the download.
   *
   * @param downloaded blocks received so far in this download
   * @param expected how many the peer announced we lack (a longer branch may bring more)
   * @param seconds time since the download started
   */
  void block(int downloaded, int expected, double seconds);

  /** The download ended (in sync, the peer left or stalled). */
  void ended();
}
