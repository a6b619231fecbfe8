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
#include <string>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/output/column_io.hpp"
#include "heatstreet/output/column_placement.hpp"
#include "heatstreet/output/h5.hpp"
#include "heatstreet/output/writeback.hpp"
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
  // What every rank agreed on about a table before its datasets are created.
  struct TableLayout;

  void write_columns(const std::string& group, const Table& t, bool root_only,
                     const std::vector<std::string>& skip, Repeats repeats);
  // Collective: throws unless every rank holds the same columns.
  void require_same_columns(const std::string& group, const Table& t);
  TableLayout lay_out_table(const std::string& group, const Table& t, bool root_only,
                            const std::vector<std::string>& skip, Repeats repeats);
  // Creates column k's dataset with its attributes and writes this rank's rows, unless
  // it is a view or has none; a viewable column so written becomes a source of later
  // views. Returns the bytes this rank wrote.
  std::uint64_t write_column(const h5::Group& g, const std::string& dpath, std::size_t k,
                             const Column& c, const TableLayout& layout, hid_t dxpl);
  void require_open(const char* what) const;
  // run_agreed, recording failure and naming the file in HDF5 errors.
  template <class F>
  void agreed(F&& fn);

  std::string path_;
  const Comm& comm_;
  int compression_level_;
  h5::File file_;
  ColumnPlacement placement_;
  StagingBuffer staging_;
  bool failed_ = false;
  Writeback writeback_;  // after file_: joined before the file closes
};

}  // namespace heatstreet
