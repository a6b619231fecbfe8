#pragma once
// Where each column of a table of rows goes in the results file with Repeats::kView: its
// own data, a fill value when all its values are one value, or a view of an earlier
// column of the table or of a dataset already written with the same type, rows and
// values. Candidates are found by digests and confirmed by comparing the values. The
// choice depends on the values only, never on the ranks: every rank reads the same lists
// in the same order and makes the same decisions.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heatstreet/core/table.hpp"
#include "heatstreet/output/column_digest.hpp"
#include "heatstreet/output/column_io.hpp"
#include "heatstreet/parallel/comm.hpp"

namespace heatstreet {

// Where a column's values go: its own data, a fill value, or a view of another dataset.
struct Placement {
  enum class Kind { kData, kFill, kView } kind = Kind::kData;
  std::uint64_t fill = 0;  // the value's bytes (kFill)
  std::string source;      // the dataset viewed (kView)
  // A column that may be a view; written with its data, it becomes a source of later
  // views.
  bool viewable = false;
  std::uint64_t hash = 0;  // of this rank's rows (viewable)
};

// A dataset written with its values: a possible source of later views.
struct StoredDataset {
  std::string path;
  std::size_t type;              // index of the column's alternative in ColumnData
  std::int64_t rows;             // global rows
  std::int64_t offset;           // this rank's first row
  std::int64_t count;            // this rank's rows
  std::uint64_t hash;            // of this rank's rows (ColumnDigest)
  const Column* held = nullptr;  // this rank's rows in memory (hold_rows), or none
};

// Whether this rank's rows of `c` equal the same rows of the stored dataset, read from
// `file` unless they are held in memory. `offset` is the file row of this rank's first
// row of c. The ranks' reads are independent.
bool rows_equal_stored(hid_t file, const StoredDataset& s, const Column& c, std::int64_t offset,
                       StagingBuffer& staging);

// Collective, its outcome agreed between ranks: rows_equal_stored for the rows of a
// column in the file being written.
using StoredRowsCheck = std::function<bool(const StoredDataset&, const Column&)>;

class ColumnPlacement {
 public:
  explicit ColumnPlacement(const Comm& comm) : comm_(comm) {}

  // Collective: the numeric columns of `local_rows`, this rank's block of the rows of
  // `group` already in the file, become possible sources of views, confirmed from
  // memory. The table must stay alive and unchanged while the placement is used.
  void hold_rows(const std::string& group, const Table& local_rows);
  // Collective: the placement of every column of `t`, this rank's `block` of the rows of
  // `group`. Numeric columns not named in `skip` are viewable; the others are kData.
  std::vector<Placement> place(const std::string& group, const Table& t,
                               const std::vector<std::string>& skip, const RowBlock& block,
                               const StoredRowsCheck& rows_equal);
  // A column of `block` written with its data at `path`: if viewable, a source from now on.
  void record_written(const std::string& path, const Column& c, const Placement& p,
                      const RowBlock& block);
  // Forgets the sources under `group` (removed from the file).
  void forget(const std::string& group);

 private:
  const Comm& comm_;
  std::vector<StoredDataset> stored_;  // in the order written
};

}  // namespace heatstreet
