#include "heatstreet/output/results_schema.hpp"

#include <hdf5.h>

#include <ostream>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/output/h5.hpp"

namespace heatstreet {

namespace {

std::string type_name(hid_t type) {
  const std::size_t size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_STRING:
      return "string";
    case H5T_FLOAT:
      return size == 4 ? "float32" : "float64";
    case H5T_INTEGER:
      return std::string(H5Tget_sign(type) == H5T_SGN_2 ? "int" : "uint") +
             std::to_string(size * 8);
    default:
      return "other";
  }
}

// Markdown table cells must not break the table.
std::string cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else
      out += c == '\n' ? ' ' : c;
  }
  return out;
}

void describe_group(hid_t file, const std::string& path, const std::string& shown,
                    std::ostream& out) {
  h5::Group g = h5::open_group(file, path);
  std::vector<std::string> datasets, groups;
  for (const std::string& name : h5::list_members(g.id(), path)) {
    H5O_info_t info;
    h5::check(H5Oget_info_by_name(g.id(), name.c_str(), &info, H5P_DEFAULT), "H5Oget_info_by_name",
              path + "/" + name);
    (info.type == H5O_TYPE_GROUP ? groups : datasets).push_back(name);
  }
  if (!datasets.empty()) {
    out << "#### `" << shown
        << "`\n\n| Dataset | Type | Units | Description |\n|---|---|---|---|\n";
    for (const std::string& name : datasets) {
      const std::string dpath = path + "/" + name;
      h5::Dataset d = h5::open_dataset(g.id(), name);
      h5::Type t(h5::check(H5Dget_type(d.id()), "H5Dget_type", dpath), H5Tclose);
      auto attr = [&](const char* a) {
        return h5::attribute_exists(d.id(), dpath, a) ? h5::read_string_attribute(d.id(), dpath, a)
                                                      : std::string();
      };
      std::string description = attr("description");
      if (h5::attribute_exists(d.id(), dpath, "labels")) {
        const auto labels = h5::read_string_array_attribute(d.id(), dpath, "labels");
        std::string codes;
        for (std::size_t i = 0; i < labels.size(); ++i)
          codes += (i ? ", " : "") + std::to_string(i) + " " + labels[i];
        description += " (codes: " + codes + "; 255 unknown)";
      }
      out << "| `" << name << "` | " << type_name(t.id()) << " | " << cell(attr("units")) << " | "
          << cell(description) << " |\n";
    }
    out << "\n";
  }
  for (const std::string& name : groups) {
    if (path == "/scenarios") {
      // Every scenario has the same datasets: document the first as <name>.
      describe_group(file, path + "/" + name, "/scenarios/<name>", out);
      break;
    }
    const std::string child = (path == "/" ? "" : path) + "/" + name;
    const std::string child_shown = (shown == "/" ? "" : shown) + "/" + name;
    describe_group(file, child, child_shown, out);
  }
}

}  // namespace

void print_results_schema(const std::string& path, std::ostream& out) {
  h5::silence_library_errors();
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(path + ": not an HDF5 file");
  try {
    h5::File f(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", path),
               H5Fclose);
    describe_group(f.id(), "/", "/", out);
  } catch (const OutputError& e) {
    throw InputError(e.what());
  }
}

}  // namespace heatstreet
