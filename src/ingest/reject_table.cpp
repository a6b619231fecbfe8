#include "heatstreet/ingest/reject_table.hpp"

namespace heatstreet::ingest {

Table make_reject_table() {
  Table t;
  add_column(t, reject::kSourceFile);
  add_column(t, reject::kSourceLine);
  add_column(t, reject::kCertificateNumber);
  add_column(t, reject::kReason);
  return t;
}

void append_reject(Table& rejects, const Reject& r) {
  column(rejects, reject::kSourceFile).push_back(r.file);
  column(rejects, reject::kSourceLine).push_back(r.line);
  column(rejects, reject::kCertificateNumber).push_back(r.certificate);
  column(rejects, reject::kReason).push_back(static_cast<std::uint8_t>(r.reason));
}

RejectWriter::RejectWriter(const RowCodec& codec)
    : filler_(codec),
      file_(codec.column(reject::kSourceFile)),
      line_(codec.column(reject::kSourceLine)),
      certificate_(codec.column(reject::kCertificateNumber)),
      reason_(codec.column(reject::kReason)) {}

std::string_view RejectWriter::write(const Reject& r) {
  filler_.begin();
  filler_.set<std::int32_t>(file_, r.file);
  filler_.set<std::int64_t>(line_, r.line);
  filler_.set_str(certificate_, r.certificate);
  filler_.set<std::uint8_t>(reason_, static_cast<std::uint8_t>(r.reason));
  return filler_.finish();
}

}  // namespace heatstreet::ingest
