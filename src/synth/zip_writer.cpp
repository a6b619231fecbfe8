// certificates.zip: each rank deflates the files of its authorities (k = rank, rank +
// size, ...) into a part file of its own; once the compressed sizes are known every member
// has a fixed place, and each rank copies its members there. Rank 0 writes the central
// directory. Fixed dates and attributes keep the archive byte-identical run to run.
#include "heatstreet/synth/zip_writer.hpp"

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

#include "heatstreet/core/error.hpp"
#include "heatstreet/synth/certificate_files.hpp"
#include "heatstreet/synth/collective_io.hpp"

namespace heatstreet::synth::detail {
namespace {

namespace fs = std::filesystem;

void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
void put64(std::string& s, std::uint64_t v) {
  put32(s, static_cast<std::uint32_t>(v));
  put32(s, static_cast<std::uint32_t>(v >> 32));
}

constexpr std::uint32_t kDosTime = 0;                                    // 00:00:00
constexpr std::uint32_t kDosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;  // 2025-01-01
constexpr std::uint64_t k32 = 0xFFFFFFFFULL;

std::string local_header(const std::string& name, std::uint32_t crc, std::uint64_t csize,
                         std::uint64_t usize) {
  const bool z64 = csize >= k32 || usize >= k32;
  std::string h;
  put32(h, 0x04034b50);
  put16(h, z64 ? 45 : 20);
  put16(h, 0);  // flags
  put16(h, 8);  // deflate
  put16(h, kDosTime);
  put16(h, kDosDate);
  put32(h, crc);
  put32(h, z64 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(csize));
  put32(h, z64 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(usize));
  put16(h, static_cast<std::uint32_t>(name.size()));
  put16(h, z64 ? 20 : 0);
  h += name;
  if (z64) {
    put16(h, 1);
    put16(h, 16);
    put64(h, usize);
    put64(h, csize);
  }
  return h;
}

// Member k's metadata in the vector that the ranks sum: meta[3k] = crc,
// meta[3k+1] = compressed size, meta[3k+2] = uncompressed size.
std::uint32_t crc_of(const std::vector<std::uint64_t>& meta, std::size_t k) {
  return static_cast<std::uint32_t>(meta[3 * k]);
}
std::uint64_t csize_of(const std::vector<std::uint64_t>& meta, std::size_t k) {
  return meta[3 * k + 1];
}
std::uint64_t usize_of(const std::vector<std::uint64_t>& meta, std::size_t k) {
  return meta[3 * k + 2];
}

// Deflates file src onto the part file at *tpos; fills meta[3k .. 3k+2].
void deflate_member(const std::string& src, File& part, std::uint64_t* tpos,
                    std::vector<unsigned char>& in, std::vector<unsigned char>& outbuf,
                    std::uint64_t* meta) {
  std::ifstream is(src, std::ios::binary);
  if (!is) throw OutputError("synth: cannot read back " + src);
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw OutputError("synth: zlib init failed");
  uLong crc = crc32(0L, Z_NULL, 0);
  std::uint64_t usize = 0, csize = 0;
  bool done = false;
  while (!done) {
    is.read(reinterpret_cast<char*>(in.data()), static_cast<std::streamsize>(in.size()));
    std::streamsize got = is.gcount();
    crc = crc32(crc, in.data(), static_cast<uInt>(got));
    usize += static_cast<std::uint64_t>(got);
    const bool last = got < static_cast<std::streamsize>(in.size());
    zs.next_in = in.data();
    zs.avail_in = static_cast<uInt>(got);
    int ret;
    do {
      zs.next_out = outbuf.data();
      zs.avail_out = static_cast<uInt>(outbuf.size());
      ret = deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
      std::size_t have = outbuf.size() - zs.avail_out;
      part.write_at(reinterpret_cast<char*>(outbuf.data()), have, *tpos);
      *tpos += have;
      csize += have;
    } while (zs.avail_out == 0 || (last && ret != Z_STREAM_END));
    done = last;
  }
  deflateEnd(&zs);
  meta[0] = crc;
  meta[1] = csize;
  meta[2] = usize;
}

// This rank's members, deflated into its part file; tmp_offset[k] is where member k starts.
void deflate_members(const Plan& plan, const std::string& out, int rank, int size,
                     const std::string& tmp, std::vector<std::uint64_t>& meta,
                     std::vector<std::uint64_t>& tmp_offset) {
  File part(tmp, true);
  std::uint64_t tpos = 0;
  std::vector<unsigned char> in(1 << 20), outbuf(1 << 20);
  for (std::size_t k = static_cast<std::size_t>(rank); k < plan.la_count();
       k += static_cast<std::size_t>(size)) {
    tmp_offset[k] = tpos;
    deflate_member((fs::path(out) / cert_rel_path(plan, k)).string(), part, &tpos, in, outbuf,
                   &meta[3 * k]);
  }
  part.close();
}

void append_central_entry(std::string& cd, const std::string& name, std::uint32_t crc,
                          std::uint64_t csize, std::uint64_t usize, std::uint64_t off) {
  std::string extra;
  if (usize >= k32) put64(extra, usize);
  if (csize >= k32) put64(extra, csize);
  if (off >= k32) put64(extra, off);
  std::string x;
  if (!extra.empty()) {
    put16(x, 1);
    put16(x, static_cast<std::uint32_t>(extra.size()));
    x += extra;
  }
  put32(cd, 0x02014b50);
  put16(cd, (3 << 8) | 45);  // made by Unix, spec 4.5
  put16(cd, x.empty() ? 20 : 45);
  put16(cd, 0);
  put16(cd, 8);
  put16(cd, kDosTime);
  put16(cd, kDosDate);
  put32(cd, crc);
  put32(cd, csize >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(csize));
  put32(cd, usize >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(usize));
  put16(cd, static_cast<std::uint32_t>(name.size()));
  put16(cd, static_cast<std::uint32_t>(x.size()));
  put16(cd, 0);               // comment
  put16(cd, 0);               // disk
  put16(cd, 0);               // internal attributes
  put32(cd, 0100644u << 16);  // external attributes: regular file, rw-r--r--
  put32(cd, off >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(off));
  cd += name;
  cd += x;
}

// The end of central directory record, preceded by the Zip64 ones where needed.
void append_end_records(std::string& cd, std::uint64_t K, std::uint64_t cd_offset,
                        std::uint64_t cd_size) {
  const bool z64 = cd_offset >= k32 || cd_size >= k32 || K >= 0xFFFF;
  if (z64) {
    const std::uint64_t rec = cd_offset + cd_size;
    put32(cd, 0x06064b50);
    put64(cd, 44);
    put16(cd, (3 << 8) | 45);
    put16(cd, 45);
    put32(cd, 0);
    put32(cd, 0);
    put64(cd, K);
    put64(cd, K);
    put64(cd, cd_size);
    put64(cd, cd_offset);
    put32(cd, 0x07064b50);
    put32(cd, 0);
    put64(cd, rec);
    put32(cd, 1);
  }
  put32(cd, 0x06054b50);
  put16(cd, 0);
  put16(cd, 0);
  put16(cd, K >= 0xFFFF ? 0xFFFF : static_cast<std::uint32_t>(K));
  put16(cd, K >= 0xFFFF ? 0xFFFF : static_cast<std::uint32_t>(K));
  put32(cd, cd_size >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(cd_size));
  put32(cd,
        cd_offset >= k32 ? static_cast<std::uint32_t>(k32) : static_cast<std::uint32_t>(cd_offset));
  put16(cd, 0);
}

// Member names and offsets in the archive, and the metadata of every member.
struct Layout {
  std::vector<std::string> names;
  std::vector<std::uint64_t> offsets;  // size K + 1: the last is the central directory's
  std::vector<std::uint64_t> all;
};

// The central directory with its end records.
std::string central_directory(const Layout& z) {
  const std::size_t K = z.names.size();
  std::string cd;
  for (std::size_t k = 0; k < K; ++k) {
    append_central_entry(cd, z.names[k], crc_of(z.all, k), csize_of(z.all, k), usize_of(z.all, k),
                         z.offsets[k]);
  }
  append_end_records(cd, K, z.offsets[K], cd.size());
  return cd;
}

Layout lay_out(const Plan& plan, std::vector<std::uint64_t> all) {
  const std::size_t K = plan.la_count();
  Layout z;
  z.names.resize(K);
  z.offsets.assign(K + 1, 0);
  for (std::size_t k = 0; k < K; ++k) {
    z.names[k] = folder_name(plan.places()[k]) + "/certificates.csv";
    z.offsets[k + 1] =
        z.offsets[k] +
        local_header(z.names[k], crc_of(all, k), csize_of(all, k), usize_of(all, k)).size() +
        csize_of(all, k);
  }
  z.all = std::move(all);
  return z;
}

// Copies this rank's members from its part file to their places in the archive.
void copy_members(File& zip, const std::string& tmp, const Layout& z,
                  const std::vector<std::uint64_t>& tmp_offset, int rank, int size) {
  std::ifstream part(tmp, std::ios::binary);
  std::vector<char> buf(1 << 20);
  for (std::size_t k = static_cast<std::size_t>(rank); k < z.names.size();
       k += static_cast<std::size_t>(size)) {
    std::string h =
        local_header(z.names[k], crc_of(z.all, k), csize_of(z.all, k), usize_of(z.all, k));
    zip.write_at(h.data(), h.size(), z.offsets[k]);
    std::uint64_t pos = z.offsets[k] + h.size(), left = csize_of(z.all, k);
    part.seekg(static_cast<std::streamoff>(tmp_offset[k]));
    while (left > 0) {
      std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, buf.size()));
      part.read(buf.data(), static_cast<std::streamsize>(chunk));
      if (part.gcount() != static_cast<std::streamsize>(chunk))
        throw OutputError("synth: short read of " + tmp);
      zip.write_at(buf.data(), chunk, pos);
      pos += chunk;
      left -= chunk;
    }
  }
  part.close();
}

}  // namespace

std::uint64_t write_zip(const Plan& plan, MPI_Comm comm, const std::string& out) {
  int rank = 0, size = 1;
  MPI_Comm_rank(comm, &rank);
  MPI_Comm_size(comm, &size);
  const std::size_t K = plan.la_count();
  std::vector<std::uint64_t> meta(3 * K, 0), all(3 * K, 0);
  const std::string tmp =
      (fs::path(out) / (".certificates.zip.part" + std::to_string(rank))).string();
  std::vector<std::uint64_t> tmp_offset(K, 0);
  collective(comm, [&] { deflate_members(plan, out, rank, size, tmp, meta, tmp_offset); });
  MPI_Allreduce(meta.data(), all.data(), static_cast<int>(3 * K), MPI_UINT64_T, MPI_SUM, comm);
  const Layout z = lay_out(plan, std::move(all));

  const std::string path = (fs::path(out) / "certificates.zip").string();
  collective(comm, [&] {
    if (rank == 0) File(path, true).close();
  });
  std::uint64_t total = 0;
  collective(comm, [&] {
    File zip(path, false);
    copy_members(zip, tmp, z, tmp_offset, rank, size);
    if (rank == 0) {
      const std::string cd = central_directory(z);
      zip.write_at(cd.data(), cd.size(), z.offsets[K]);
      total = z.offsets[K] + cd.size();
    }
    zip.close();
    std::error_code ec;
    fs::remove(tmp, ec);
  });
  MPI_Bcast(&total, 1, MPI_UINT64_T, 0, comm);
  return total;
}

}  // namespace heatstreet::synth::detail
