#include "heatstreet/ingest/input_files.hpp"

#include <cpl_string.h>
#include <cpl_vsi.h>
#include <glob.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "heatstreet/core/error.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/zip_directory.hpp"

namespace heatstreet::ingest {
namespace fs = std::filesystem;

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && epc::lower(s.substr(s.size() - suffix.size())) == suffix;
}

std::int64_t vsi_size(const std::string& vsi) {
  VSIStatBufL st;
  if (VSIStatL(vsi.c_str(), &st) != 0) return -1;
  return static_cast<std::int64_t>(st.st_size);
}

namespace {

// Last 4-digit token of the stem (split on '-' and '_') in 1900-2100, or 0 (spec §2.2).
int member_year(const std::string& member) {
  std::string stem = fs::path(member).stem().string();
  int year = 0;
  std::string token;
  auto flush = [&] {
    if (token.size() == 4 && std::all_of(token.begin(), token.end(), ::isdigit)) {
      const int y = std::stoi(token);
      if (y >= 1900 && y <= 2100) year = y;
    }
    token.clear();
  };
  for (char c : stem) {
    if (c == '-' || c == '_')
      flush();
    else
      token.push_back(c);
  }
  flush();
  return year;
}

void add_file(const fs::path& p, const FiltersConfig& filters, std::vector<InputFile>& out,
              const std::string& entry) {
  const std::string abs = fs::absolute(p).lexically_normal().string();
  if (ends_with_ci(abs, ".zip")) {
    const std::string root = "/vsizip/" + abs;
    char** list = VSIReadDirRecursive(root.c_str());
    if (!list)
      throw InputError("inputs.certificates: '" + entry + "': cannot read zip archive " + abs);
    std::vector<std::string> members;
    for (char** it = list; *it; ++it) members.emplace_back(*it);
    CSLDestroy(list);
    const std::vector<std::string> encrypted = encrypted_zip_members(abs);
    if (!encrypted.empty())
      throw InputError("inputs.certificates: '" + entry + "': the zip archive " + abs +
                       " is encrypted (member " + encrypted.front() +
                       " needs a password); extract it with its password and give the "
                       "extracted files instead");
    std::sort(members.begin(), members.end());
    auto certificate_member = [](const std::string& m) {
      return ends_with_ci(m, ".csv") &&
             !epc::has(epc::lower(fs::path(m).filename().string()), "recommendation");
    };
    // An archive without any certificates file is the wrong archive, not an empty one.
    if (std::none_of(members.begin(), members.end(), certificate_member))
      throw InputError(
          "inputs.certificates: '" + entry + "': the zip archive " + abs +
          " holds no certificates CSV (no member ending in .csv other than recommendations)");
    int start_year = 0, end_year = 0;
    if (filters.sample_window_start)
      start_year = std::stoi(filters.sample_window_start->substr(0, 4));
    if (filters.sample_window_end) end_year = std::stoi(filters.sample_window_end->substr(0, 4));
    for (const std::string& m : members) {
      if (!certificate_member(m)) continue;
      const int y = member_year(m);
      if (y && ((start_year && y < start_year) || (end_year && y > end_year))) continue;
      InputFile f{abs + "/" + m, root + "/" + m, 0, false};
      f.size = vsi_size(f.vsi);
      out.push_back(f);
    }
    return;
  }
  InputFile f;
  f.name = abs;
  if (ends_with_ci(abs, ".gz")) {
    f.vsi = "/vsigzip/" + abs;
  } else {
    f.vsi = abs;
    f.splittable = true;
  }
  f.size = static_cast<std::int64_t>(fs::file_size(p));
  out.push_back(f);
}

void add_entry(const std::string& entry, const fs::path& p, const FiltersConfig& filters,
               std::vector<InputFile>& out) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<fs::path> found;
    for (auto it = fs::recursive_directory_iterator(p, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && epc::lower(it->path().filename().string()) == "certificates.csv")
        found.push_back(it->path());
    if (ec)
      throw InputError("inputs.certificates: '" + entry + "': cannot walk folder: " + ec.message());
    if (found.empty())
      throw InputError("inputs.certificates: '" + entry +
                       "': no certificates.csv under this folder");
    for (const auto& f : found) add_file(f, filters, out, entry);
  } else if (fs::is_regular_file(p, ec)) {
    add_file(p, filters, out, entry);
  } else if (fs::exists(p, ec)) {
    throw InputError("inputs.certificates: '" + entry +
                     "': not a regular file or folder (a pipe, socket or device cannot be read as "
                     "certificates)");
  } else {
    throw InputError("inputs.certificates: '" + entry + "': no such file or folder");
  }
}

std::string serialise_inputs(const std::vector<InputFile>& files) {
  std::ostringstream o;
  for (const auto& f : files)
    o << f.name << '\t' << f.vsi << '\t' << f.size << '\t' << f.splittable << '\n';
  return o.str();
}

std::vector<InputFile> parse_inputs(const std::string& s) {
  std::vector<InputFile> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream l(line);
    InputFile f;
    std::string size, split;
    std::getline(l, f.name, '\t');
    std::getline(l, f.vsi, '\t');
    std::getline(l, size, '\t');
    std::getline(l, split, '\t');
    f.size = std::stoll(size);
    f.splittable = split == "1";
    out.push_back(f);
  }
  return out;
}

}  // namespace

std::vector<InputFile> resolve_inputs(const IngestSettings& settings) {
  std::vector<InputFile> out;
  if (settings.certificates.empty()) throw InputError("inputs.certificates: no input given");
  for (const std::string& entry : settings.certificates) {
    if (entry.find_first_of("*?[") != std::string::npos) {
      glob_t g{};
      const int rc = glob(entry.c_str(), 0, nullptr, &g);
      std::vector<std::string> matches;
      if (rc == 0)
        for (std::size_t i = 0; i < g.gl_pathc; ++i) matches.emplace_back(g.gl_pathv[i]);
      globfree(&g);
      if (matches.empty()) throw InputError("inputs.certificates: '" + entry + "' matches no file");
      for (const auto& m : matches) add_entry(entry, m, settings.filters, out);
    } else {
      add_entry(entry, entry, settings.filters, out);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const InputFile& a, const InputFile& b) { return a.name == b.name; }),
            out.end());
  return out;
}

std::vector<InputFile> shared_inputs(const IngestSettings& settings, const Comm& comm) {
  std::string listing;
  run_agreed(comm, [&] {
    if (comm.root()) listing = serialise_inputs(resolve_inputs(settings));
  });
  return parse_inputs(comm.bcast(listing));
}

}  // namespace heatstreet::ingest
