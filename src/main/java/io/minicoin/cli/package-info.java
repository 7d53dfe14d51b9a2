/**
 * The {@code minicoin} command line (Apache Commons CLI): one class per command, the seed's names
 * and single-dash flags, output for people; and the three-process demo of the seed's scenario.
 */
package io.minicoin.cli;
