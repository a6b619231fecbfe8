#include "heatstreet/output/grid_maps.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <utility>

#include "heatstreet/core/disk_space.hpp"
#include "heatstreet/core/error.hpp"

namespace heatstreet {

namespace {

// Colours from dark green (Tier 1, network now) to orange (Tier 5, individual systems).
constexpr GDALColorEntry kTierColours[6] = {{0, 0, 0, 0},        {0, 104, 55, 255},
                                            {49, 163, 84, 255},  {173, 221, 142, 255},
                                            {254, 196, 79, 255}, {217, 95, 14, 255}};

// Keeps GDAL's messages off the terminal while we turn them into exceptions.
struct QuietGdal {
  QuietGdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  ~QuietGdal() { CPLPopErrorHandler(); }
};

[[noreturn]] void fail(const std::string& path, const char* what) {
  const char* msg = CPLGetLastErrorMsg();
  throw OutputError(path + ": " + what + (msg && *msg ? std::string(": ") + msg : std::string()) +
                    disk_full_note(path));
}

void check(CPLErr e, const std::string& path, const char* what) {
  if (e != CE_None) fail(path, what);
}

struct Extent {
  std::int64_t ix0, ix1, iy0, iy1;
  int width() const { return static_cast<int>(ix1 - ix0 + 1); }
  int height() const { return static_cast<int>(iy1 - iy0 + 1); }
};

template <class T>
void write_raster(const std::string& path, const Extent& e, double cell, GDALDataType type,
                  std::vector<T>& pixels, bool is_tiers) {
  QuietGdal quiet;
  GDALAllRegister();
  GDALDriverH driver = GDALGetDriverByName("GTiff");
  if (!driver) fail(path, "GDAL has no GTiff driver");
  char** options = nullptr;
  options = CSLSetNameValue(options, "TILED", "YES");
  options = CSLSetNameValue(options, "BLOCKXSIZE", "256");
  options = CSLSetNameValue(options, "BLOCKYSIZE", "256");
  options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
  if (!is_tiers) options = CSLSetNameValue(options, "PREDICTOR", "3");  // floating point
  GDALDatasetH ds = GDALCreate(driver, path.c_str(), e.width(), e.height(), 1, type, options);
  CSLDestroy(options);
  if (!ds) fail(path, "cannot create");
  try {
    const double gt[6] = {static_cast<double>(e.ix0) * cell,     cell, 0.0,
                          static_cast<double>(e.iy1 + 1) * cell, 0.0,  -cell};
    check(GDALSetGeoTransform(ds, const_cast<double*>(gt)), path, "cannot set the geotransform");
    OGRSpatialReference srs;
    if (srs.importFromEPSG(27700) != OGRERR_NONE) fail(path, "cannot build EPSG:27700");
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    const CPLErr pe = GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    check(pe, path, "cannot set the projection");

    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    if (is_tiers) {
      check(GDALSetRasterNoDataValue(band, 0), path, "cannot set nodata");
      GDALColorTableH ct = GDALCreateColorTable(GPI_RGB);
      for (int i = 0; i < 6; ++i) GDALSetColorEntry(ct, i, &kTierColours[i]);
      const CPLErr ce = GDALSetRasterColorTable(band, ct);
      GDALDestroyColorTable(ct);
      check(ce, path, "cannot set the colour table");
      const char* names[] = {"", "Tier 1", "Tier 2", "Tier 3", "Tier 4", "Tier 5", nullptr};
      check(GDALSetRasterCategoryNames(band, const_cast<char**>(names)), path,
            "cannot set the tier names");
      GDALSetDescription(band, "heat-network tier (most common tier of the cell's dwellings)");
    } else {
      check(GDALSetRasterNoDataValue(band, std::numeric_limits<double>::quiet_NaN()), path,
            "cannot set nodata");
      GDALSetRasterUnitType(band, "GWh/km2");
      GDALSetDescription(band, "neighbourhood heat density (GWh/km2)");
    }
    check(GDALRasterIO(band, GF_Write, 0, 0, e.width(), e.height(), pixels.data(), e.width(),
                       e.height(), type, 0, 0),
          path, "cannot write pixels");

    std::vector<int> levels;
    for (int f = 2; f < std::max(e.width(), e.height()) && f <= 64; f *= 2) levels.push_back(f);
    if (!levels.empty()) {
      CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", "DEFLATE");
      const CPLErr oe =
          GDALBuildOverviews(ds, is_tiers ? "NEAREST" : "AVERAGE", static_cast<int>(levels.size()),
                             levels.data(), 0, nullptr, nullptr, nullptr);
      CPLSetThreadLocalConfigOption("COMPRESS_OVERVIEW", nullptr);
      check(oe, path, "cannot build overviews");
    }
  } catch (...) {
    GDALClose(ds);
    throw;
  }
  CPLErrorReset();
  GDALClose(ds);  // flushes to disk: a full disk shows up here
  if (CPLGetLastErrorType() >= CE_Failure) fail(path, "cannot finish writing");
}

}  // namespace

std::uint8_t modal_tier(const std::array<std::int64_t, 5>& counts) {
  std::uint8_t best = 0;
  std::int64_t best_count = 0;
  for (int t = 0; t < 5; ++t) {
    if (counts[static_cast<std::size_t>(t)] > best_count) {  // strict: ties keep the lower tier
      best_count = counts[static_cast<std::size_t>(t)];
      best = static_cast<std::uint8_t>(t + 1);
    }
  }
  return best;
}

std::vector<CellTally> tally_cells(const std::vector<std::int64_t>& ix,
                                   const std::vector<std::int64_t>& iy,
                                   const std::vector<double>& density_gwh_km2,
                                   const std::vector<std::uint8_t>& tier) {
  if (iy.size() != ix.size() || density_gwh_km2.size() != ix.size() || tier.size() != ix.size())
    throw std::invalid_argument("tally_cells: columns of different lengths");
  std::map<std::pair<std::int64_t, std::int64_t>, CellTally> cells;  // key (iy, ix)
  for (std::size_t i = 0; i < ix.size(); ++i) {
    auto [it, fresh] = cells.try_emplace({iy[i], ix[i]});
    CellTally& c = it->second;
    if (fresh) {
      c.ix = ix[i];
      c.iy = iy[i];
      c.density_gwh_km2 = density_gwh_km2[i];
    }
    if (tier[i] >= 1 && tier[i] <= 5) ++c.tier_counts[tier[i] - 1u];
  }
  std::vector<CellTally> out;
  out.reserve(cells.size());
  for (auto& kv : cells) out.push_back(kv.second);
  return out;
}

std::vector<CellValue> merge_tallies(const std::vector<CellTally>& tallies) {
  std::map<std::pair<std::int64_t, std::int64_t>, CellTally> cells;
  for (const CellTally& t : tallies) {
    auto [it, fresh] = cells.try_emplace({t.iy, t.ix}, t);
    if (fresh) continue;
    CellTally& c = it->second;
    if (std::isnan(c.density_gwh_km2)) c.density_gwh_km2 = t.density_gwh_km2;
    for (std::size_t k = 0; k < 5; ++k) c.tier_counts[k] += t.tier_counts[k];
  }
  std::vector<CellValue> out;
  out.reserve(cells.size());
  for (const auto& kv : cells)
    out.push_back(
        {kv.second.ix, kv.second.iy, kv.second.density_gwh_km2, modal_tier(kv.second.tier_counts)});
  return out;
}

void write_grid_maps(const std::string& dir, const std::vector<CellValue>& cells,
                     double cell_size_m) {
  if (!(cell_size_m > 0)) throw std::invalid_argument("write_grid_maps: cell size must be > 0");
  if (cells.empty()) return;
  Extent e{cells[0].ix, cells[0].ix, cells[0].iy, cells[0].iy};
  for (const CellValue& c : cells) {
    e.ix0 = std::min(e.ix0, c.ix);
    e.ix1 = std::max(e.ix1, c.ix);
    e.iy0 = std::min(e.iy0, c.iy);
    e.iy1 = std::max(e.iy1, c.iy);
  }
  const std::int64_t w = e.ix1 - e.ix0 + 1, h = e.iy1 - e.iy0 + 1;
  if (w > std::numeric_limits<int>::max() || h > std::numeric_limits<int>::max() ||
      w * h > (std::int64_t{1} << 32))
    throw std::invalid_argument("write_grid_maps: grid too large for one raster");
  const std::size_t n = static_cast<std::size_t>(w * h);
  std::vector<float> density(n, std::numeric_limits<float>::quiet_NaN());
  std::vector<std::uint8_t> tiers(n, 0);
  std::vector<bool> seen(n, false);
  for (const CellValue& c : cells) {
    const std::size_t p =
        static_cast<std::size_t>((e.iy1 - c.iy) * w + (c.ix - e.ix0));  // row 0 is north
    if (seen[p])
      throw std::invalid_argument("write_grid_maps: cell (" + std::to_string(c.ix) + ", " +
                                  std::to_string(c.iy) + ") given twice");
    seen[p] = true;
    density[p] = static_cast<float>(c.density_gwh_km2);
    tiers[p] = c.tier <= 5 ? c.tier : 0;
  }
  write_raster(dir + "/heat_density.tif", e, cell_size_m, GDT_Float32, density, false);
  write_raster(dir + "/tiers.tif", e, cell_size_m, GDT_Byte, tiers, true);
}

}  // namespace heatstreet
