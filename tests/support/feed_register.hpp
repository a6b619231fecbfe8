#pragma once
// Register text (header line first) fed row by row into a CertificateBuilder, as the
// ingest stage does with the records of one file.
#include <string>
#include <string_view>

#include "heatstreet/ingest/certificate_builder.hpp"

namespace heatstreet::test_support {

inline void feed_register(ingest::CertificateBuilder& b, std::string_view text,
                          const std::string& file_name) {
  csv::RecordReader rr(csv::State::kRowStart, 0, 1);
  bool header = true;
  auto on = [&](const csv::Record& r) {
    if (header)
      b.begin_file(0, file_name, r.fields);
    else
      b.add(r);
    header = false;
    return true;
  };
  rr.feed(text.data(), text.size(), on);
  rr.finish(on);
}

}  // namespace heatstreet::test_support
