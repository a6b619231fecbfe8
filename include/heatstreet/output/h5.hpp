#pragma once
// Thin RAII handles over the HDF5 C API (Debian 12 ships no C++ wrapper that supports
// the parallel library). Every call goes through check(): a negative return becomes an
// OutputError naming the call, the object path and HDF5's own description, so a full
// disk or an unwritable directory ends the run with exit code 4.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "heatstreet/core/error.hpp"

namespace heatstreet::h5 {

// Turns off HDF5's automatic printing of its error stack (errors become exceptions
// here). Called by every entry point that opens or creates a file.
void silence_library_errors();

// After a file failed to close (disk full), HDF5 1.10 cannot shut down cleanly: this
// makes MPI_Finalize end the process with exit code 4 before HDF5's shutdown runs.
// Installed once, by the parallel writer, after MPI is initialised.
void guard_library_shutdown();

// The innermost description on HDF5's error stack, or "" when it is empty.
std::string last_error_description();

// Throws OutputError("<call> <path>: <HDF5 description>").
[[noreturn]] void throw_failure(const char* call, const std::string& path);

// Throws the same when rc < 0; returns rc.
template <class R>
R check(R rc, const char* call, const std::string& path) {
  if (rc < 0) throw_failure(call, path);
  return rc;
}

// One owned identifier with its close function. Move-only.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), close_(o.close_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      close_ = o.close_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t id() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  // Closes now, reporting a failure (a close may be the moment buffered data reaches
  // the disk). The destructor closes silently.
  void close(const char* call, const std::string& path);
  void reset() noexcept;
  // Forgets the identifier without closing it.
  void release() noexcept { id_ = H5I_INVALID_HID; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Typed aliases so signatures say what they hold; all share Handle's behaviour.
struct File : Handle {
  using Handle::Handle;
};
struct Group : Handle {
  using Handle::Handle;
};
struct Dataset : Handle {
  using Handle::Handle;
};
struct Space : Handle {
  using Handle::Handle;
};
struct PropList : Handle {
  using Handle::Handle;
};
struct Type : Handle {
  using Handle::Handle;
};
struct Attribute : Handle {
  using Handle::Handle;
};
struct Object : Handle {
  using Handle::Handle;
};

// Gives up a parallel file after a failed write without closing it: ranks may have
// left HDF5 in different states, and the collective close could wait forever. The
// process must then end through guard_library_shutdown's exit (code 4).
void abandon_file(File& f);

PropList make_plist(hid_t cls, const std::string& path);
Space make_simple_space(const std::vector<hsize_t>& dims, const std::string& path);
Space make_scalar_space(const std::string& path);
Space make_null_space(const std::string& path);  // for empty attributes
Space dataset_space(const Dataset& d, const std::string& path);
// A fixed-length string type of `size` bytes (at least 1), NUL-padded, UTF-8.
Type make_string_type(std::size_t size, const std::string& path);

Group open_group(hid_t loc, const std::string& path);
Dataset open_dataset(hid_t loc, const std::string& path);
Object open_object(hid_t loc, const std::string& path);
bool link_exists(hid_t loc, const std::string& path);
// Creates every missing group along `path` ("/a/b/c") and returns the last one.
// Collective in a parallel file: every rank calls it with the same path.
Group ensure_group(hid_t file, const std::string& path);

// Attributes. Writers replace an existing attribute of the same name. In a parallel
// file they are collective metadata calls: every rank passes identical values.
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::string& value);
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     std::int64_t value);
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name, double value);
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     std::uint8_t value);
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::vector<std::string>& values);
void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::vector<std::int64_t>& values);

bool attribute_exists(hid_t obj, const std::string& obj_path, const std::string& name);
// Readers convert to the requested type (strings: fixed or variable length).
std::string read_string_attribute(hid_t obj, const std::string& obj_path, const std::string& name);
std::vector<std::string> read_string_array_attribute(hid_t obj, const std::string& obj_path,
                                                     const std::string& name);
std::int64_t read_int_attribute(hid_t obj, const std::string& obj_path, const std::string& name);

// Names of the direct members of a group, in name order.
std::vector<std::string> list_members(hid_t group, const std::string& path);

}  // namespace heatstreet::h5
