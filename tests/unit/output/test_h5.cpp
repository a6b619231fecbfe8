// The HDF5 handles: failures become OutputError (exit 4) naming the call and the path.
// Uses HDF5's default (POSIX) driver in one process; no MPI.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "heatstreet/output/h5.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

namespace {

h5::File create_serial(const std::string& path) {
  return h5::File(h5::check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                            "H5Fcreate", path),
                  H5Fclose);
}

std::string scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("heatstreet-h5-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return (dir / name).string();
}

}  // namespace

TEST(H5, CreateInMissingDirectoryNamesCallAndPath) {
  h5::silence_library_errors();
  const std::string bad = scratch("no-such-dir") + "/x.h5";
  try {
    create_serial(bad);
    FAIL() << "created " << bad;
  } catch (const OutputError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("H5Fcreate " + bad + ": ", 0), 0u) << m;
    EXPECT_NE(m.find("No such file or directory"), std::string::npos) << m;
  }
  fs::remove_all(fs::path(bad).parent_path().parent_path());
}

TEST(H5, AttributesRoundTripAndGroupsAreCreatedAlongThePath) {
  h5::silence_library_errors();
  const std::string path = scratch("attrs.h5");
  {
    h5::File f = create_serial(path);
    h5::Group g = h5::ensure_group(f.id(), "/a/b/c");
    EXPECT_TRUE(h5::link_exists(f.id(), "/a/b/c"));
    EXPECT_FALSE(h5::link_exists(f.id(), "/a/x/c"));
    h5::write_attribute(g.id(), "/a/b/c", "text", std::string("hello"));
    h5::write_attribute(g.id(), "/a/b/c", "text", std::string("replaced"));
    h5::write_attribute(g.id(), "/a/b/c", "empty", std::string());
    h5::write_attribute(g.id(), "/a/b/c", "n", std::int64_t{-42});
    h5::write_attribute(g.id(), "/a/b/c", "list", std::vector<std::string>{"x", "", "long one"});
    h5::write_attribute(g.id(), "/a/b/c", "none", std::vector<std::string>{});
  }
  h5::File f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  h5::Group g = h5::open_group(f.id(), "/a/b/c");
  EXPECT_EQ(h5::read_string_attribute(g.id(), "c", "text"), "replaced");
  EXPECT_EQ(h5::read_string_attribute(g.id(), "c", "empty"), "");
  EXPECT_EQ(h5::read_int_attribute(g.id(), "c", "n"), -42);
  EXPECT_EQ(h5::read_string_array_attribute(g.id(), "c", "list"),
            (std::vector<std::string>{"x", "", "long one"}));
  EXPECT_TRUE(h5::read_string_array_attribute(g.id(), "c", "none").empty());
  EXPECT_EQ(h5::list_members(f.id(), "/"), std::vector<std::string>{"a"});
  try {
    h5::read_string_attribute(g.id(), "/a/b/c", "missing");
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("H5Aopen /a/b/c@missing: ", 0), 0u) << e.what();
  }
  fs::remove_all(fs::path(path).parent_path());
}

TEST(H5, FileSizeLimitDuringWriteIsAnOutputError) {
  // A child process with a 64 KiB file-size limit stands in for a full disk.
  const std::string path = scratch("limited.h5");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG
    rlimit r{};
    getrlimit(RLIMIT_FSIZE, &r);
    r.rlim_cur = 64 * 1024;
    setrlimit(RLIMIT_FSIZE, &r);
    int status = 1;
    try {
      h5::silence_library_errors();
      h5::File f = create_serial(path);
      const std::vector<double> values(1 << 20, 1.5);
      h5::Space space = h5::make_simple_space({values.size()}, "/x");
      h5::Dataset d(h5::check(H5Dcreate2(f.id(), "x", H5T_IEEE_F64LE, space.id(), H5P_DEFAULT,
                                         H5P_DEFAULT, H5P_DEFAULT),
                              "H5Dcreate2", "/x"),
                    H5Dclose);
      h5::check(H5Dwrite(d.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                "H5Dwrite", "/x");
      d.close("H5Dclose", "/x");
      f.close("H5Fclose", path);
      status = 2;  // no error at all
    } catch (const OutputError& e) {
      status = std::string(e.what()).rfind("H5Dwrite /x: ", 0) == 0 && e.exit_code() == 4 ? 0 : 3;
    } catch (...) {
      status = 4;
    }
    _exit(status);  // skip HDF5's shutdown: the file is in a failed state
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "2: write succeeded, 3: wrong message, 4: other exception";
  fs::remove_all(fs::path(path).parent_path());
}
