// What a results file records of its run: configuration, start and end times, rank
// count, and every input with its size and SHA-256, hashed in parallel over the ranks.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <fstream>
#include <string>
#include <vector>

#include "heatstreet/output/h5.hpp"
#include "heatstreet/output/results_writer.hpp"
#include "heatstreet/parallel/comm.hpp"
#include "heatstreet/run/provenance.hpp"
#include "scratch_dir.hpp"

using namespace heatstreet;
using heatstreet::testing::ScratchDir;

namespace {

h5::File open_serial(const std::string& path) {
  return h5::File(h5::check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", path),
                  H5Fclose);
}

}  // namespace

TEST(Provenance, RootAttributes) {
  Comm comm;
  ScratchDir dir(comm);
  const std::string input = dir.path + "/input.csv";
  if (comm.root()) std::ofstream(input) << "abc";
  comm.barrier();
  Provenance p;
  p.configuration_yaml = "output:\n  dir: x\n";
  p.methodology = "documented";
  p.inputs = describe_inputs({input, input}, comm);
  p.start_time = "2024-01-02T03:04:05Z";
  ASSERT_EQ(p.inputs.size(), 2u);
  // SHA-256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(p.inputs[1].sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(p.inputs[0].size_bytes, 3u);
  const std::string path = dir.path + "/prov.h5";
  {
    ResultsWriter w(path, comm, 0);
    write_provenance(w, p);
    write_end_time(w);
    w.finish();
  }
  if (comm.root()) {
    h5::File f = open_serial(path);
    h5::Group root = h5::open_group(f.id(), "/");
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "configuration"), p.configuration_yaml);
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "start_time"), p.start_time);
    EXPECT_EQ(h5::read_int_attribute(root.id(), "/", "ranks"), comm.size());
    EXPECT_EQ(h5::read_string_array_attribute(root.id(), "/", "input_files"),
              (std::vector<std::string>{input, input}));
    EXPECT_EQ(h5::read_string_attribute(root.id(), "/", "end_time").size(), 20u);
  }
  comm.barrier();
}
