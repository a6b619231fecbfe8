#include "heatstreet/output/results_reader.hpp"

#include <hdf5.h>

#include <algorithm>
#include <cstring>

#include "heatstreet/output/h5.hpp"

namespace heatstreet {

namespace {

// The in-memory column for a dataset's stored type.
ColumnData column_for(hid_t type, const std::string& path) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t size = H5Tget_size(type);
  if (cls == H5T_STRING) return StringColumn{};
  if (cls == H5T_FLOAT) {
    if (size == 4) return std::vector<float>{};
    if (size == 8) return std::vector<double>{};
  }
  if (cls == H5T_INTEGER) {
    const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
    if (size == 1)
      return is_signed ? ColumnData{std::vector<std::int8_t>{}}
                       : ColumnData{std::vector<std::uint8_t>{}};
    if (size == 4 && is_signed) return std::vector<std::int32_t>{};
    if (size == 8 && is_signed) return std::vector<std::int64_t>{};
  }
  throw InputError(path + ": a dataset type HeatStreet does not write");
}

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, std::int8_t>)
    return H5T_NATIVE_INT8;
  else if constexpr (std::is_same_v<T, std::uint8_t>)
    return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return H5T_NATIVE_INT64;
  else if constexpr (std::is_same_v<T, float>)
    return H5T_NATIVE_FLOAT;
  else
    return H5T_NATIVE_DOUBLE;
}

}  // namespace

Table read_table(const std::string& path, const std::string& group, const Comm& comm) {
  Table table;
  run_agreed(comm, [&] {
    h5::silence_library_errors();
    h5::PropList fapl = h5::make_plist(H5P_FILE_ACCESS, path);
    h5::check(H5Pset_fapl_mpio(fapl.id(), comm.raw(), MPI_INFO_NULL), "H5Pset_fapl_mpio", path);
    h5::File file(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.id()), "H5Fopen", path),
                  H5Fclose);
    h5::Group g = h5::open_group(file.id(), group);
    h5::PropList dxpl = h5::make_plist(H5P_DATASET_XFER, path);
    h5::check(H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE), "H5Pset_dxpl_mpio", path);

    for (const std::string& name : h5::list_members(g.id(), group)) {
      const std::string dpath = group + "/" + name;
      if (H5Oexists_by_name(g.id(), name.c_str(), H5P_DEFAULT) <= 0) continue;
      H5O_info_t info;
      h5::check(H5Oget_info_by_name(g.id(), name.c_str(), &info, H5P_DEFAULT),
                "H5Oget_info_by_name", dpath);
      if (info.type != H5O_TYPE_DATASET) continue;  // subgroups are tables of their own
      h5::Dataset d = h5::open_dataset(g.id(), name);
      h5::Type type(h5::check(H5Dget_type(d.id()), "H5Dget_type", dpath), H5Tclose);
      h5::Space space = h5::dataset_space(d, dpath);
      hsize_t n = 0;
      h5::check(H5Sget_simple_extent_dims(space.id(), &n, nullptr), "H5Sget_simple_extent_dims",
                dpath);
      const auto p = static_cast<hsize_t>(comm.size()), r = static_cast<hsize_t>(comm.rank());
      const hsize_t first = n * r / p, count = n * (r + 1) / p - first;

      ColumnInfo ci;
      ci.name = name;
      if (h5::attribute_exists(d.id(), dpath, "units"))
        ci.unit = h5::read_string_attribute(d.id(), dpath, "units");
      if (h5::attribute_exists(d.id(), dpath, "description"))
        ci.description = h5::read_string_attribute(d.id(), dpath, "description");
      if (h5::attribute_exists(d.id(), dpath, "labels"))
        ci.labels = h5::read_string_array_attribute(d.id(), dpath, "labels");

      h5::Space mem = h5::make_simple_space({count}, dpath);
      if (count > 0) {
        const hsize_t start[1] = {first}, cnt[1] = {count};
        h5::check(H5Sselect_hyperslab(space.id(), H5S_SELECT_SET, start, nullptr, cnt, nullptr),
                  "H5Sselect_hyperslab", dpath);
      } else {
        h5::check(H5Sselect_none(space.id()), "H5Sselect_none", dpath);
        h5::check(H5Sselect_none(mem.id()), "H5Sselect_none", dpath);
      }
      Column col{ci, column_for(type.id(), dpath)};
      std::visit(
          [&](auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, StringColumn>) {
              const std::size_t width = H5Tget_size(type.id());
              std::vector<char> buf(std::max<hsize_t>(count, 1) * width);
              h5::check(H5Dread(d.id(), type.id(), mem.id(), space.id(), dxpl.id(), buf.data()),
                        "H5Dread", dpath);
              for (hsize_t i = 0; i < count; ++i) {
                const char* s = buf.data() + i * width;
                v.push_back(std::string_view(s, strnlen(s, width)));
              }
            } else {
              using T = typename V::value_type;
              v.resize(count);
              T dummy{};
              h5::check(H5Dread(d.id(), native_type<T>(), mem.id(), space.id(), dxpl.id(),
                                count ? static_cast<void*>(v.data()) : &dummy),
                        "H5Dread", dpath);
            }
          },
          col.data);
      table.columns().push_back(std::move(col));
    }
  });
  return table;
}

}  // namespace heatstreet
