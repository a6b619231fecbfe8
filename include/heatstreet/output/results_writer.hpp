#pragma once
// The results file (results.h5), written by all ranks together with parallel HDF5 over
// MPI-IO. Every method is collective: all ranks call it in the same order with the same
// group names and column layout. Per-dwelling data never travels to one rank: each rank
// writes its own block of rows into one dataset per column.
//
// Layout rules (docs/output-format.md):
// - write_table(group, rows): rank r's rows follow rank r-1's, so the global row order
//   is the concatenation of the ranks' blocks, whatever the rank count;
// - numeric columns keep their type (little-endian on disk), string columns become
//   fixed-length NUL-padded strings as wide as the longest value over all ranks;
// - every dataset carries `units` and `description`; code columns (uint8 with labels)
//   also carry `labels` and `missing_code` = 255;
// - chunking and compression depend only on the global row count and the element size,
//   never on the rank count, so the file's bytes are the same for any decomposition;
// - finish() writes the root attribute `complete` = 1 last: a file without it is from
//   a run that did not finish;
// - with Repeats::kView, a column whose values are all one value, or are the values of a
//   dataset already written with the same type and rows, is stored as a virtual dataset
//   (no data of its own); the choice depends on the values only, never on the ranks.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/output/column_digest.hpp"
#include "heatstreet/output/h5.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

class ResultsWriter {
 public:
  // Creates (truncates) `path`. compression_level 0 writes contiguous datasets, 1-9
  // chunked DEFLATE (with byte shuffling for multi-byte types). Throws OutputError
  // (exit 4), agreed on every rank, when the file cannot be created.
  // Errors raised by any method are agreed between ranks. After such an error the file
  // is left unclosed and the process ends with exit code 4 at MPI_Finalize (HDF5 1.10
  // cannot close a parallel file cleanly after a failed write). An error from another
  // stage may unwind through the writer only if all ranks unwind together (agreed):
  // the destructor then closes the file collectively.
  enum class Mode { kCreate, kAppend };
  // kAppend opens an existing file (a resumed run) to add groups to it.
  ResultsWriter(const std::string& path, const Comm& comm, int compression_level,
                Mode mode = Mode::kCreate);
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

  // One dataset per column under `group` ("/properties", "/scenarios/heat_pump").
  // Each rank passes its contiguous block of the global rows (possibly none); the
  // columns (names, types, units, descriptions, labels) must match on every rank.
  // Columns named in `skip` are not written (the caller links them to a copy written
  // before, say).
  // Repeats::kView stores a numeric column of repeated values as a view: of the earliest
  // dataset with the same rows, type and values among those written with their data by
  // write_table with kView (in this process) or named through hold_rows, or, when every
  // value is the same, a dataset without mappings whose fill value is that value. Readers see
  // the same values either way; HDF5 1.10 reads views serially only, so groups read back
  // in parallel (/properties on a resume) are written with Repeats::kWrite.
  enum class Repeats { kWrite, kView };
  void write_table(const std::string& group, const Table& local_rows,
                   const std::vector<std::string>& skip = {}, Repeats repeats = Repeats::kWrite);
  // `local_rows` is this rank's block of the rows of `group`, already in the file
  // (written with Repeats::kWrite, say, or by the run being resumed): its numeric columns
  // become possible sources of views, confirmed from memory rather than read back. The
  // table must stay alive and unchanged while the writer is used.
  void hold_rows(const std::string& group, const Table& local_rows);

  // A table every rank holds in full (summaries, counters): written once.
  void write_small_table(const std::string& group, const Table& table);

  // Attributes on an existing object ("/" for the root, a group or a dataset path),
  // created with the groups along the path if needed. The root rank's value is the one
  // written (parallel HDF5 needs identical metadata on every rank).
  void write_attribute(const std::string& object_path, const std::string& name,
                       const std::string& value);
  void write_attribute(const std::string& object_path, const std::string& name, const char* value) {
    write_attribute(object_path, name, std::string(value));
  }
  void write_attribute(const std::string& object_path, const std::string& name, std::int64_t value);
  void write_attribute(const std::string& object_path, const std::string& name, int value) {
    write_attribute(object_path, name, static_cast<std::int64_t>(value));
  }
  void write_attribute(const std::string& object_path, const std::string& name, double value);
  void write_attribute(const std::string& object_path, const std::string& name,
                       const std::vector<std::string>& values);
  void write_attribute(const std::string& object_path, const std::string& name,
                       const std::vector<std::int64_t>& values);

  // Writes `complete` = 1 on the root, once everything before it is on disk, and closes
  // the file. Nothing may be written afterwards.
  void finish();
  // Puts everything written so far on disk (a checkpoint: the file is consistent).
  void flush();
  // Removes a group if it exists (a partly written group of an interrupted run).
  void remove(const std::string& group);
  // A second name for an existing object (an HDF5 hard link, groups along the path
  // created): readers find the same values, units and labels at both paths, stored once.
  void link(const std::string& existing, const std::string& new_path);

  const std::string& path() const { return path_; }
  const Comm& comm() const { return comm_; }

 private:
  // A dataset written with its values: a possible source of later views.
  struct Stored {
    std::string path;
    std::size_t type;              // index of the column's alternative in ColumnData
    std::int64_t rows;             // global rows
    std::int64_t offset;           // this rank's first row
    std::int64_t count;            // this rank's rows
    std::uint64_t hash;            // of this rank's rows (ColumnDigest)
    const Column* held = nullptr;  // this rank's rows in memory (hold_rows), or none
  };
  // Where a column's values go: its own data, a fill value, or a view of another dataset.
  struct Placement {
    enum class Kind { kData, kFill, kView } kind = Kind::kData;
    std::uint64_t fill = 0;  // the value's bytes (kFill)
    std::string source;      // the dataset viewed (kView)
  };

  void write_columns(const std::string& group, const Table& t, bool root_only,
                     const std::vector<std::string>& skip, Repeats repeats);
  // Collective: the placement of every column of t (kData for those not eligible).
  std::vector<Placement> place_columns(const std::string& group, const Table& t,
                                       const std::vector<bool>& eligible,
                                       const std::vector<ColumnDigest>& digests,
                                       std::int64_t offset, std::int64_t global_rows);
  // Collective: whether this rank's rows of `c` equal the same rows of the stored dataset.
  // `offset` is the file row of this rank's first row of c.
  bool rows_equal_stored(const Stored& s, const Column& c, std::int64_t offset);
  // The reused buffer, at least `bytes` long.
  char* scratch(std::size_t bytes);
  void require_open(const char* what) const;
  // run_agreed, recording failure and naming the file in HDF5 errors.
  template <class F>
  void agreed(F&& fn);

  std::string path_;
  const Comm& comm_;
  int compression_level_;
  // Early writeback: after each write_table a thread of this rank runs fdatasync on a
  // descriptor of its own, overlapping the disk writes with the caller's next work.
  void start_writeback();
  void join_writeback();

  h5::File file_;
  std::vector<Stored> stored_;  // in the order written
  std::vector<char> scratch_;
  bool failed_ = false;
  int writeback_fd_ = -1;
  std::thread writeback_thread_;
  std::mutex writeback_mutex_;
  bool writeback_wanted_ = false;  // guarded by writeback_mutex_
  bool writeback_busy_ = false;    // guarded by writeback_mutex_
};

}  // namespace heatstreet
