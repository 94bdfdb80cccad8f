"""jieba's segmentation with its dictionary held compactly (issue 17).

jieba keeps its prefix dictionary as a dict of about 500,000 strings (every word and every
prefix of a word, a prefix that is not a word with frequency 0): about 60 MiB, kept for the
life of the process. Here the same entries are two sorted arrays, the entries' string hashes
and their frequencies, about 6 MiB, and jieba's own code walks them through the three calls it
makes on a dict (`in`, `[]`, `get`). The words, frequencies and total are jieba's, so the cuts
are exactly jieba's: pages indexed before this change still meet the same query words.

Two different strings with one 64-bit key would read as one entry; among half a million
entries that is a chance of about 1 in 10^13 per lookup (entry_key: not for strings of two
widths, which CPython's hash alone confuses).
"""

import logging
import sys
from array import array
from bisect import bisect_left
from functools import cache

import numpy as np

BUCKET_SHIFT = 48
BUCKETS = 1 << (64 - BUCKET_SHIFT)


def entry_key(word: str) -> int:
    """The word's 64-bit key: its str hash, told apart from a same-bytes string of another
    width ("BP" and "偂" hash alike, as CPython hashes the stored bytes) by the length."""
    return hash(word) ^ len(word)


class CompactFrequencies:
    """A read-only mapping word -> frequency over jieba's prefix dictionary."""

    __slots__ = ("_keys", "_frequencies", "_buckets")

    def __init__(self, keys: np.ndarray, frequencies: np.ndarray) -> None:
        # array.array, not numpy: bisect reads it in C without making a numpy scalar per probe.
        self._keys, self._frequencies = array("q"), array("i")
        self._keys.frombytes(memoryview(keys.astype("int64", copy=False)).cast("B"))
        self._frequencies.frombytes(memoryview(frequencies.astype("int32")).cast("B"))
        # Where each run of keys with the same top 16 bits starts: a lookup bisects a run of
        # about 8 keys, not all 500,000 (three times faster; jieba asks for every fragment).
        top = (keys >> BUCKET_SHIFT) + BUCKETS // 2
        self._buckets = array("q", np.searchsorted(top, np.arange(BUCKETS + 1)).tolist())

    def get(self, word: str, default=None):
        key = hash(word) ^ len(word)  # entry_key(word), inline for speed
        bucket = (key >> BUCKET_SHIFT) + BUCKETS // 2
        end = self._buckets[bucket + 1]
        at = bisect_left(self._keys, key, self._buckets[bucket], end)
        if at < end and self._keys[at] == key:
            return self._frequencies[at]
        return default

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __len__(self) -> int:
        return len(self._keys)


def prefix_dictionary(lines) -> tuple[CompactFrequencies, int]:
    """jieba's Tokenizer.gen_pfdict over the lines of a dictionary file ("word freq [tag]"),
    as compact frequencies and the total: a later line of the same word wins, every line counts
    in the total, a prefix that is no word has frequency 0. Built from flat arrays, freed as
    soon as used, so loading peaks at a fraction of jieba's dict too."""
    word_keys, frequencies, prefix_keys = array("q"), array("q"), array("q")
    total = 0
    for line in lines:
        word, frequency = line.strip().decode("utf-8").split(" ")[:2]
        word_keys.append(entry_key(word))
        frequencies.append(int(frequency))
        total += int(frequency)
        prefix_keys.extend(entry_key(word[:end]) for end in range(1, len(word)))
    prefixes = np.unique(np.frombuffer(prefix_keys, dtype="int64"))
    del prefix_keys
    # Stable: among a word's lines the last stays last, and it is the one kept.
    order = np.argsort(np.frombuffer(word_keys, dtype="int64"), kind="stable")
    keys = np.frombuffer(word_keys, dtype="int64")[order]
    counts = np.frombuffer(frequencies, dtype="int64")[order]
    del word_keys, frequencies, order
    last = np.append(keys[1:] != keys[:-1], True)
    keys, counts = keys[last], counts[last]
    # Merge in the prefixes that are no word, with frequency 0, keeping the keys sorted.
    at = np.searchsorted(keys, prefixes)
    prefixes = prefixes[(at == len(keys)) | (keys[np.minimum(at, len(keys) - 1)] != prefixes)]
    at = np.searchsorted(keys, prefixes)
    return CompactFrequencies(np.insert(keys, at, prefixes), np.insert(counts, at, 0)), total


def _import_jieba():
    """jieba, imported without pkg_resources: jieba opens its data files through it when it
    imports (7 MiB kept, and a scan of every installed distribution), else with open() beside
    its own module, the same files (issue 17)."""
    if "pkg_resources" in sys.modules:
        import jieba

        return jieba
    # None in sys.modules makes `import pkg_resources` fail, for this import only; nothing else
    # in the server imports pkg_resources.
    sys.modules["pkg_resources"] = None
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


@cache
def segmenter():
    """The process's jieba tokenizer, its dictionary loaded with the first Chinese text."""
    # Imported here, not at start: the import is about 4 MiB.
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)

    class CompactTokenizer(jieba.Tokenizer):
        """jieba's Tokenizer on CompactFrequencies instead of its dict (no cache file)."""

        def initialize(self, dictionary=None):
            with self.lock:
                if not self.initialized:
                    with self.get_dict_file() as lines:
                        self.FREQ, self.total = prefix_dictionary(lines)
                    self.initialized = True

        def get_DAG(self, sentence):
            # jieba's own loop, with one lookup per fragment where jieba makes two.
            self.check_initialized()
            get, dag, length = self.FREQ.get, {}, len(sentence)
            for start in range(length):
                ends, end, fragment = [], start, sentence[start]
                while end < length and (frequency := get(fragment)) is not None:
                    if frequency:
                        ends.append(end)
                    end += 1
                    fragment = sentence[start : end + 1]
                dag[start] = ends or [start]
            return dag

    return CompactTokenizer()
