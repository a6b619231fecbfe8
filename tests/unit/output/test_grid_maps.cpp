// GeoTIFF maps: georeferencing, pixel placement, nodata, colour table, overviews,
// compression and tiling, read back with GDAL. Plus the cell tier rule.
#include <cpl_string.h>
#include <gdal.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>

#include "heatstreet/core/error.hpp"
#include "heatstreet/output/grid_maps.hpp"

using namespace heatstreet;
namespace fs = std::filesystem;

TEST(GridMaps, ModalTierPrefersTheLowerTierOnTies) {
  EXPECT_EQ(modal_tier({0, 0, 0, 0, 0}), 0);
  EXPECT_EQ(modal_tier({0, 0, 3, 0, 1}), 3);
  EXPECT_EQ(modal_tier({0, 2, 0, 2, 0}), 2);
  EXPECT_EQ(modal_tier({1, 1, 1, 1, 1}), 1);
  EXPECT_EQ(modal_tier({0, 0, 0, 4, 5}), 5);
}

TEST(GridMaps, TallyAndMergeGroupCellsWhateverTheSplit) {
  const std::vector<std::int64_t> ix = {10, 11, 10, 10, 12};
  const std::vector<std::int64_t> iy = {5, 5, 5, 6, 5};
  const std::vector<double> d = {30.0, 8.0, 30.0, NAN, 2.0};
  const std::vector<std::uint8_t> t = {3, 4, 5, 255, 5};
  const std::vector<CellValue> whole = merge_tallies(tally_cells(ix, iy, d, t));
  // The same dwellings tallied in two parts (as two ranks would).
  std::vector<CellTally> parts = tally_cells({10, 11}, {5, 5}, {30.0, 8.0}, {3, 4});
  const std::vector<CellTally> second =
      tally_cells({10, 10, 12}, {5, 6, 5}, {30.0, NAN, 2.0}, {5, 255, 5});
  parts.insert(parts.end(), second.begin(), second.end());
  const std::vector<CellValue> split = merge_tallies(parts);
  ASSERT_EQ(whole.size(), 4u);
  ASSERT_EQ(split.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(whole[i].ix, split[i].ix);
    EXPECT_EQ(whole[i].iy, split[i].iy);
    EXPECT_EQ(whole[i].tier, split[i].tier);
  }
  // Sorted by (iy, ix); cell (10,5) has tiers 3 and 5 once each: the tie goes to 3.
  EXPECT_EQ(whole[0].ix, 10);
  EXPECT_EQ(whole[0].tier, 3);
  EXPECT_EQ(whole[1].tier, 4);
  EXPECT_EQ(whole[2].tier, 5);
  EXPECT_EQ(whole[3].iy, 6);
  EXPECT_EQ(whole[3].tier, 0);  // only an unknown tier
  EXPECT_TRUE(std::isnan(whole[3].density_gwh_km2));
}

TEST(GridMaps, GeoTiffsAreGeoreferencedTiledCompressedWithOverviews) {
  const fs::path dir = fs::temp_directory_path() / ("heatstreet-maps-" + std::to_string(getpid()));
  fs::create_directories(dir);
  // Cells spanning ix 4000..4019, iy 1400..1409 (a 20 × 10 pixel raster at 125 m).
  std::vector<CellValue> cells = {
      {4000, 1409, 42.5, 1}, {4019, 1400, 3.25, 5}, {4010, 1405, 17.0, 3}, {4001, 1409, NAN, 2}};
  write_grid_maps(dir.string(), cells, 125.0);

  GDALAllRegister();
  GDALDatasetH dens = GDALOpen((dir / "heat_density.tif").c_str(), GA_ReadOnly);
  ASSERT_NE(dens, nullptr);
  EXPECT_EQ(GDALGetRasterXSize(dens), 20);
  EXPECT_EQ(GDALGetRasterYSize(dens), 10);
  double gt[6];
  ASSERT_EQ(GDALGetGeoTransform(dens, gt), CE_None);
  // Top-left corner = (ix_min * 125, (iy_max + 1) * 125) = (500000, 176250).
  EXPECT_DOUBLE_EQ(gt[0], 500000.0);
  EXPECT_DOUBLE_EQ(gt[1], 125.0);
  EXPECT_DOUBLE_EQ(gt[3], 176250.0);
  EXPECT_DOUBLE_EQ(gt[5], -125.0);
  OGRSpatialReference srs(GDALGetProjectionRef(dens));
  ASSERT_NE(srs.GetAuthorityCode(nullptr), nullptr);
  EXPECT_STREQ(srs.GetAuthorityCode(nullptr), "27700");

  GDALRasterBandH b = GDALGetRasterBand(dens, 1);
  EXPECT_EQ(GDALGetRasterDataType(b), GDT_Float32);
  int has_nodata = 0;
  EXPECT_TRUE(std::isnan(GDALGetRasterNoDataValue(b, &has_nodata)));
  EXPECT_TRUE(has_nodata);
  float px = 0;
  // Cell (4010, 1405): column 10, row 1409 - 1405 = 4.
  ASSERT_EQ(GDALRasterIO(b, GF_Read, 10, 4, 1, 1, &px, 1, 1, GDT_Float32, 0, 0), CE_None);
  EXPECT_FLOAT_EQ(px, 17.0f);
  ASSERT_EQ(GDALRasterIO(b, GF_Read, 0, 0, 1, 1, &px, 1, 1, GDT_Float32, 0, 0), CE_None);
  EXPECT_FLOAT_EQ(px, 42.5f);
  ASSERT_EQ(GDALRasterIO(b, GF_Read, 19, 9, 1, 1, &px, 1, 1, GDT_Float32, 0, 0), CE_None);
  EXPECT_FLOAT_EQ(px, 3.25f);
  ASSERT_EQ(GDALRasterIO(b, GF_Read, 5, 5, 1, 1, &px, 1, 1, GDT_Float32, 0, 0), CE_None);
  EXPECT_TRUE(std::isnan(px));            // no cell there
  EXPECT_GE(GDALGetOverviewCount(b), 3);  // factors 2, 4, 8, 16 (< 20 pixels)
  int bx = 0, by = 0;
  GDALGetBlockSize(b, &bx, &by);
  EXPECT_EQ(bx, 256);
  EXPECT_EQ(by, 256);
  EXPECT_STREQ(GDALGetMetadataItem(dens, "COMPRESSION", "IMAGE_STRUCTURE"), "DEFLATE");
  GDALClose(dens);

  GDALDatasetH tiers = GDALOpen((dir / "tiers.tif").c_str(), GA_ReadOnly);
  ASSERT_NE(tiers, nullptr);
  GDALRasterBandH tb = GDALGetRasterBand(tiers, 1);
  EXPECT_EQ(GDALGetRasterDataType(tb), GDT_Byte);
  EXPECT_EQ(GDALGetRasterNoDataValue(tb, &has_nodata), 0.0);
  GDALColorTableH ct = GDALGetRasterColorTable(tb);
  ASSERT_NE(ct, nullptr);
  EXPECT_GE(GDALGetColorEntryCount(ct), 6);
  EXPECT_EQ(GDALGetColorEntry(ct, 1)->c2, 104);  // Tier 1 dark green
  std::uint8_t row0[20];
  ASSERT_EQ(GDALRasterIO(tb, GF_Read, 0, 0, 20, 1, row0, 20, 1, GDT_Byte, 0, 0), CE_None);
  EXPECT_EQ(row0[0], 1);
  EXPECT_EQ(row0[1], 2);
  EXPECT_EQ(row0[2], 0);
  EXPECT_GE(GDALGetOverviewCount(tb), 3);
  EXPECT_STREQ(GDALGetMetadataItem(tiers, "COMPRESSION", "IMAGE_STRUCTURE"), "DEFLATE");
  GDALClose(tiers);
  fs::remove_all(dir);
}

TEST(GridMaps, UnwritableDirectoryIsAnOutputError) {
  try {
    write_grid_maps("/nonexistent/heatstreet-out", {{1, 1, 5.0, 2}}, 125.0);
    FAIL();
  } catch (const OutputError& e) {
    EXPECT_EQ(e.exit_code(), 4);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/heatstreet-out/heat_density.tif"),
              std::string::npos);
  }
}

TEST(GridMaps, DuplicateCellsAreRejected) {
  EXPECT_THROW(write_grid_maps("/tmp", {{1, 1, 5.0, 2}, {1, 1, 6.0, 3}}, 125.0),
               std::invalid_argument);
}
