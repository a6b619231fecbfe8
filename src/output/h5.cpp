#include "heatstreet/output/h5.hpp"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace heatstreet::h5 {

namespace {

// Error-stack walker: keeps the innermost description (the one that says what the
// operating system or the file format objected to).
herr_t keep_innermost(unsigned n, const H5E_error2_t* err, void* out) {
  if (n == 0 && err && err->desc) *static_cast<std::string*>(out) = err->desc;
  return 0;
}

std::string pad(const std::string& s, std::size_t size) {
  std::string out = s;
  out.resize(size, '\0');
  return out;
}

Attribute create_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                           hid_t type, hid_t space) {
  const std::string where = obj_path + "@" + name;
  if (check(H5Aexists(obj, name.c_str()), "H5Aexists", where) > 0)
    check(H5Adelete(obj, name.c_str()), "H5Adelete", where);
  return Attribute(check(H5Acreate2(obj, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                         "H5Acreate2", where),
                   H5Aclose);
}

Attribute open_attribute(hid_t obj, const std::string& obj_path, const std::string& name) {
  return Attribute(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT), "H5Aopen", obj_path + "@" + name),
                   H5Aclose);
}

template <class T>
void write_scalar(hid_t obj, const std::string& obj_path, const std::string& name, hid_t file_type,
                  hid_t mem_type, T value) {
  Space space = make_scalar_space(obj_path);
  Attribute a = create_attribute(obj, obj_path, name, file_type, space.id());
  check(H5Awrite(a.id(), mem_type, &value), "H5Awrite", obj_path + "@" + name);
}

// Reads every element of a string attribute (fixed or variable length) as std::string.
std::vector<std::string> read_strings(hid_t obj, const std::string& obj_path,
                                      const std::string& name) {
  const std::string where = obj_path + "@" + name;
  Attribute a = open_attribute(obj, obj_path, name);
  Type file_type(check(H5Aget_type(a.id()), "H5Aget_type", where), H5Tclose);
  if (H5Tget_class(file_type.id()) != H5T_STRING)
    throw OutputError("H5Aread " + where + ": not a string attribute");
  Space space(check(H5Aget_space(a.id()), "H5Aget_space", where), H5Sclose);
  const hssize_t n =
      check(H5Sget_simple_extent_npoints(space.id()), "H5Sget_simple_extent_npoints", where);
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(n));
  if (check(H5Tis_variable_str(file_type.id()), "H5Tis_variable_str", where) > 0) {
    Type mem(check(H5Tcopy(H5T_C_S1), "H5Tcopy", where), H5Tclose);
    check(H5Tset_size(mem.id(), H5T_VARIABLE), "H5Tset_size", where);
    std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
    check(H5Aread(a.id(), mem.id(), ptrs.data()), "H5Aread", where);
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    H5Dvlen_reclaim(mem.id(), space.id(), H5P_DEFAULT, ptrs.data());
  } else {
    const std::size_t size = H5Tget_size(file_type.id());
    std::vector<char> buf(size * static_cast<std::size_t>(n) + 1, '\0');
    check(H5Aread(a.id(), file_type.id(), buf.data()), "H5Aread", where);
    for (hssize_t i = 0; i < n; ++i) {
      const char* p = buf.data() + static_cast<std::size_t>(i) * size;
      out.emplace_back(p, strnlen(p, size));
    }
  }
  return out;
}

// Set when closing a file failed (a full disk or a file-size limit reached while its
// metadata was flushed). HDF5 1.10 then keeps an identifier to a half-destroyed file,
// and its own shutdown inside MPI_Finalize crashes on it.
std::atomic<bool> g_unclean_close{false};

int exit_before_hdf5_shutdown(MPI_Comm, int, void*, void*) {
  if (g_unclean_close.load()) {
    // The error has been reported and agreed by now; leave with its exit code instead
    // of letting HDF5's shutdown turn it into a segmentation fault.
    std::fflush(nullptr);
    std::_Exit(static_cast<int>(ExitCode::kOutput));
  }
  return MPI_SUCCESS;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* out) {
  static_cast<std::vector<std::string>*>(out)->emplace_back(name);
  return 0;
}

}  // namespace

void silence_library_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string last_error_description() {
  std::string desc;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &desc);
  H5Eclear2(H5E_DEFAULT);
  return desc;
}

void throw_failure(const char* call, const std::string& path) {
  std::string desc = last_error_description();
  throw OutputError(std::string(call) + " " + path + ": " +
                    (desc.empty() ? std::string("failed") : desc));
}

void Handle::reset() noexcept {
  if (id_ >= 0 && close_ && close_(id_) < 0 && close_ == &H5Fclose) g_unclean_close = true;
  id_ = H5I_INVALID_HID;
}

void Handle::close(const char* call, const std::string& path) {
  if (id_ < 0) return;
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  if (!close_) return;
  if (close_(id) < 0) {
    if (close_ == &H5Fclose) g_unclean_close = true;
    throw_failure(call, path);
  }
}

void abandon_file(File& f) {
  if (!f) return;
  g_unclean_close = true;
  f.release();
}

void guard_library_shutdown() {
  static bool installed = false;
  int mpi_up = 0, mpi_down = 0;
  MPI_Initialized(&mpi_up);
  MPI_Finalized(&mpi_down);
  if (installed || !mpi_up || mpi_down) return;
  // HDF5 registers its shutdown as an attribute of MPI_COMM_SELF when it initialises;
  // MPI_Finalize deletes those attributes last-in first-out, so this one, set after
  // HDF5 is initialised, runs first.
  H5open();
  int key = MPI_KEYVAL_INVALID;
  if (MPI_Comm_create_keyval(MPI_COMM_NULL_COPY_FN, exit_before_hdf5_shutdown, &key, nullptr) ==
          MPI_SUCCESS &&
      MPI_Comm_set_attr(MPI_COMM_SELF, key, nullptr) == MPI_SUCCESS)
    installed = true;
}

PropList make_plist(hid_t cls, const std::string& path) {
  return PropList(check(H5Pcreate(cls), "H5Pcreate", path), H5Pclose);
}

Space make_simple_space(const std::vector<hsize_t>& dims, const std::string& path) {
  return Space(check(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                     "H5Screate_simple", path),
               H5Sclose);
}

Space make_scalar_space(const std::string& path) {
  return Space(check(H5Screate(H5S_SCALAR), "H5Screate", path), H5Sclose);
}

Space make_null_space(const std::string& path) {
  return Space(check(H5Screate(H5S_NULL), "H5Screate", path), H5Sclose);
}

Space dataset_space(const Dataset& d, const std::string& path) {
  return Space(check(H5Dget_space(d.id()), "H5Dget_space", path), H5Sclose);
}

Type make_string_type(std::size_t size, const std::string& path) {
  Type t(check(H5Tcopy(H5T_C_S1), "H5Tcopy", path), H5Tclose);
  check(H5Tset_size(t.id(), std::max<std::size_t>(size, 1)), "H5Tset_size", path);
  check(H5Tset_strpad(t.id(), H5T_STR_NULLPAD), "H5Tset_strpad", path);
  check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "H5Tset_cset", path);
  return t;
}

Group open_group(hid_t loc, const std::string& path) {
  return Group(check(H5Gopen2(loc, path.c_str(), H5P_DEFAULT), "H5Gopen2", path), H5Gclose);
}

Dataset open_dataset(hid_t loc, const std::string& path) {
  return Dataset(check(H5Dopen2(loc, path.c_str(), H5P_DEFAULT), "H5Dopen2", path), H5Dclose);
}

Object open_object(hid_t loc, const std::string& path) {
  return Object(check(H5Oopen(loc, path.c_str(), H5P_DEFAULT), "H5Oopen", path), H5Oclose);
}

bool link_exists(hid_t loc, const std::string& path) {
  if (path.empty() || path == "/") return true;
  // H5Lexists needs every intermediate link to exist: test the path one part at a time.
  const bool absolute = path[0] == '/';
  std::string prefix;
  std::size_t start = absolute ? 1 : 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) {
      if (absolute || !prefix.empty()) prefix += "/";
      prefix += path.substr(start, end - start);
      if (check(H5Lexists(loc, prefix.c_str(), H5P_DEFAULT), "H5Lexists", prefix) <= 0)
        return false;
    }
    start = end + 1;
  }
  return true;
}

Group ensure_group(hid_t file, const std::string& path) {
  std::string prefix;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) {
      prefix += "/" + path.substr(start, end - start);
      if (check(H5Lexists(file, prefix.c_str(), H5P_DEFAULT), "H5Lexists", prefix) <= 0) {
        Group g(check(H5Gcreate2(file, prefix.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      "H5Gcreate2", prefix),
                H5Gclose);
      }
    }
    start = end + 1;
  }
  return open_group(file, prefix.empty() ? "/" : prefix);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::string& value) {
  Type t = make_string_type(value.size(), obj_path + "@" + name);
  const std::string buf = pad(value, std::max<std::size_t>(value.size(), 1));
  Space space = make_scalar_space(obj_path);
  Attribute a = create_attribute(obj, obj_path, name, t.id(), space.id());
  check(H5Awrite(a.id(), t.id(), buf.data()), "H5Awrite", obj_path + "@" + name);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     std::int64_t value) {
  write_scalar(obj, obj_path, name, H5T_STD_I64LE, H5T_NATIVE_INT64, value);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     double value) {
  write_scalar(obj, obj_path, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     std::uint8_t value) {
  write_scalar(obj, obj_path, name, H5T_STD_U8LE, H5T_NATIVE_UINT8, value);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::vector<std::string>& values) {
  const std::string where = obj_path + "@" + name;
  std::size_t width = 1;
  for (const std::string& v : values) width = std::max(width, v.size());
  std::string buf;
  buf.reserve(width * values.size());
  for (const std::string& v : values) buf += pad(v, width);
  Type t = make_string_type(width, where);
  Space space = values.empty() ? make_null_space(where)
                               : make_simple_space({static_cast<hsize_t>(values.size())}, where);
  Attribute a = create_attribute(obj, obj_path, name, t.id(), space.id());
  if (!values.empty()) check(H5Awrite(a.id(), t.id(), buf.data()), "H5Awrite", where);
}

void write_attribute(hid_t obj, const std::string& obj_path, const std::string& name,
                     const std::vector<std::int64_t>& values) {
  const std::string where = obj_path + "@" + name;
  Space space = values.empty() ? make_null_space(where)
                               : make_simple_space({static_cast<hsize_t>(values.size())}, where);
  Attribute a = create_attribute(obj, obj_path, name, H5T_STD_I64LE, space.id());
  if (!values.empty()) check(H5Awrite(a.id(), H5T_NATIVE_INT64, values.data()), "H5Awrite", where);
}

bool attribute_exists(hid_t obj, const std::string& obj_path, const std::string& name) {
  return check(H5Aexists(obj, name.c_str()), "H5Aexists", obj_path + "@" + name) > 0;
}

std::string read_string_attribute(hid_t obj, const std::string& obj_path, const std::string& name) {
  std::vector<std::string> v = read_strings(obj, obj_path, name);
  if (v.size() != 1)
    throw OutputError("H5Aread " + obj_path + "@" + name + ": expected one string, found " +
                      std::to_string(v.size()));
  return v.front();
}

std::vector<std::string> read_string_array_attribute(hid_t obj, const std::string& obj_path,
                                                     const std::string& name) {
  return read_strings(obj, obj_path, name);
}

std::int64_t read_int_attribute(hid_t obj, const std::string& obj_path, const std::string& name) {
  Attribute a = open_attribute(obj, obj_path, name);
  std::int64_t v = 0;
  check(H5Aread(a.id(), H5T_NATIVE_INT64, &v), "H5Aread", obj_path + "@" + name);
  return v;
}

std::vector<std::string> list_members(hid_t group, const std::string& path) {
  std::vector<std::string> names;
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &names), "H5Literate",
        path);
  return names;
}

}  // namespace heatstreet::h5
