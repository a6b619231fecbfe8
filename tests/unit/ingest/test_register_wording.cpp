// The register's real wording: Welsh, bilingual, U-values with every encoding of their
// unit, placeholders, truncations and two main systems, each classified as its English
// form is. Expected classes: the English descriptions the Welsh ones translate (the
// register publishes both forms of each description).
#include <gtest/gtest.h>

#include "heatstreet/config/ingest_settings.hpp"
#include "heatstreet/ingest/classify.hpp"
#include "heatstreet/ingest/register_text.hpp"
#include "heatstreet/ingest/register_wording.hpp"

using namespace heatstreet;
using namespace heatstreet::epc;

namespace {
const IngestPolicy D = ingest_policy(Methodology::kDocumented);
const IngestPolicy P = ingest_policy(Methodology::kPython);

WallClass walls(std::string_view text) { return classify_walls(english_wording(text), true, D); }
RoofClass roof(std::string_view text) { return classify_roof(english_wording(text), "", D); }
FloorClass floor_of(std::string_view text) { return classify_floor(english_wording(text), D); }
HeatingSystem heating(std::string_view text) {
  return classify_heating(english_wording(first_main_system(english_part(text))), D);
}
}  // namespace

TEST(RegisterWording, PlaceholdersAndBilingualText) {
  EXPECT_TRUE(placeholder("SAP05:Walls"));
  EXPECT_TRUE(placeholder(" NO DATA! "));
  EXPECT_TRUE(placeholder("invalid!"));
  EXPECT_FALSE(placeholder("Solid brick"));
  EXPECT_EQ(english_wording("NO DATA!"), "");
  EXPECT_EQ(english_wording("Solid brick, as built|Briciau solet, fel y'u hadeiladwyd"),
            "solid brick, as built");
  EXPECT_EQ(english_part(" |Gwydrau sengl"), "Gwydrau sengl");
}

TEST(RegisterWording, WelshWallsRoofsAndFloors) {
  for (const char* t : {"Waliau ceudod, fel y'u hadeiladwyd, dim inswleiddio (rhagdybiaeth)",
                        "Waliau ceudod, fel y?u hadeiladwyd, dim inswleiddio (rhagdybiaeth)",
                        "Waliau ceudod, fel y\xE2\x80\x99u hadeiladwyd, dim inswleiddio "
                        "(rhagdybiaeth)"}) {
    EXPECT_EQ(walls(t).type, WallType::kCavity) << t;
    EXPECT_FALSE(walls(t).insulated) << t;
  }
  EXPECT_EQ(english_wording("Waliau ceudod, fel y?u hadeiladwyd, dim inswleiddio (rhagdybiaeth)"),
            "cavity wall, as built, no insulation (assumed)");
  const WallClass filled = walls("Waliau ceudod, ceudod wedi'i lenwi");
  EXPECT_EQ(filled.status, WallInsulation::kCavityFilled);
  EXPECT_EQ(walls("Briciau solet, gydag inswleiddio allanol").status, WallInsulation::kExternal);
  EXPECT_EQ(walls("Tywodfaen, fel y'u hadeiladwyd, dim inswleiddio (rhagdybiaeth)").type,
            WallType::kStone);
  EXPECT_EQ(walls("Ffr\xC3\xA2m bren, fel y'u hadeiladwyd, wedi'i inswleiddio (rhagdybiaeth)").type,
            WallType::kTimberFrame);
  EXPECT_EQ(roof("Ar oleddf, 250 mm o inswleiddio yn y llofft").thickness_mm, 250.0);
  EXPECT_FALSE(roof("(eiddo arall uwchben)").thickness_mm.has_value());
  EXPECT_EQ(roof("Ar oleddf, dim inswleiddio").thickness_mm, 0.0);
  EXPECT_EQ(floor_of("Crog, dim inswleiddio (rhagdybiaeth)").insulation, FloorInsulation::kNone);
  EXPECT_EQ(floor_of("Solet, wedi'i inswleiddio (rhagdybiaeth)").insulation,
            FloorInsulation::kFull);
}

TEST(RegisterWording, WelshWindowsHeatingControlsAndHotWater) {
  EXPECT_EQ(classify_glazing(english_wording("Gwydrau dwbl llawn"), "", "", D), Glazing::kDouble);
  EXPECT_EQ(classify_glazing(english_wording("Gwydrau sengl"), "", "", D), Glazing::kSingle);
  EXPECT_EQ(classify_glazing(english_wording("Gwydrau dwbl rhannol"), "", "", D), Glazing::kMixed);
  EXPECT_EQ(classify_glazing(english_wording("Gwydrau triphlyg llawn"), "", "", D),
            Glazing::kTriple);
  EXPECT_EQ(heating("Bwyler a rheiddiaduron, nwy prif gyflenwad"), HeatingSystem::kGasBoiler);
  EXPECT_EQ(heating("Bwyler a rheiddiaduron, olew"), HeatingSystem::kOther);
  EXPECT_EQ(heating("Gwresogyddion storio trydan"), HeatingSystem::kElectric);
  EXPECT_EQ(heating("Pwmp gwres o'r awyr, rheiddiaduron, trydan"), HeatingSystem::kHeatPump);
  EXPECT_EQ(heating("Cynllun cymunedol"), HeatingSystem::kDistrict);
  const ControlsClass c =
      classify_controls(english_wording("Rhaglennydd, thermostat ystafell a TRVs"), D);
  EXPECT_TRUE(c.programmer);
  EXPECT_TRUE(c.room_thermostat);
  EXPECT_TRUE(c.trv);
  EXPECT_EQ(stock::hot_water_code(english_wording("O'r brif system"), true, D),
            static_cast<std::uint8_t>(HotWater::kSystemBoiler));
}

TEST(RegisterWording, UValuesInEveryEncodingOfTheUnit) {
  for (const char* unit :
       {"W/m\xC2\xB2K", "W/m\xC3\x82\xC2\xB2K", "W/m?K", "W/m&#0178;K", "W/m2K", "w/m\xC2\xB2k"}) {
    const std::string text = std::string("Average thermal transmittance 0.28 ") + unit;
    ASSERT_TRUE(u_value(text).has_value()) << unit;
    EXPECT_DOUBLE_EQ(*u_value(text), 0.28) << unit;
  }
  EXPECT_FALSE(u_value("Average thermal transmittance unknown").has_value());
  EXPECT_FALSE(u_value("Pitched, 250 mm loft insulation").has_value());
  // Walls: insulated at or below 0.7 W/m²K.
  EXPECT_TRUE(walls("Average thermal transmittance 0.28 W/m?K").insulated);
  EXPECT_FALSE(walls("Average thermal transmittance 1.50 W/m\xC2\xB2K").insulated);
  EXPECT_EQ(walls("Average thermal transmittance 1.50 W/m\xC2\xB2K").status, WallInsulation::kNone);
  // Roofs: the loft thickness of the same U-value (40 / U mm).
  EXPECT_DOUBLE_EQ(*roof("Average thermal transmittance 0.16 W/m&#0178;K").thickness_mm, 250.0);
  EXPECT_EQ(roof("Average thermal transmittance 0.16 W/m&#0178;K").category, RoofInsulation::kGood);
  EXPECT_EQ(roof("Average thermal transmittance 2.30 W/m2K").category, RoofInsulation::kMinimal);
  // Floors: insulated at or below 0.5 W/m²K.
  EXPECT_EQ(floor_of("Average thermal transmittance 0.25 W/m\xC2\xB2K").insulation,
            FloorInsulation::kFull);
  EXPECT_EQ(floor_of("Average thermal transmittance 0.72 W/m\xC2\xB2K").present, 0);
  // The predecessor reads the text as written: no number, so an uninsulated wall.
  EXPECT_FALSE(classify_walls("Average thermal transmittance 0.28 W/m?K", true, P).insulated);
}

TEST(RegisterWording, TruncationsCapitalsAndTwoMainSystems) {
  EXPECT_EQ(walls("Granite or whin, as built, no insulation (assumed)").type, WallType::kStone);
  EXPECT_EQ(walls("GRANITE OR WHINSTONE, AS BUILT, NO INSULATION (ASSUMED)").type,
            WallType::kStone);
  EXPECT_EQ(walls("SOLID BRICK, AS BUILT, NO INSULATION (ASSUMED)").type, WallType::kSolidBrick);
  EXPECT_EQ(first_main_system("Boiler and radiators, mains gas, Electric storage heaters"),
            "Boiler and radiators, mains gas");
  EXPECT_EQ(heating("Boiler and radiators, mains gas, Electric storage heaters"),
            HeatingSystem::kGasBoiler);
  EXPECT_EQ(heating("Electric storage heaters, Boiler and radiators, mains gas"),
            HeatingSystem::kElectric);
  // A fuel in capitals is not a second system.
  EXPECT_EQ(first_main_system("Boiler and radiators, LPG"), "Boiler and radiators, LPG");
  EXPECT_EQ(heating("Boiler and radiators, LPG"), HeatingSystem::kOther);
  EXPECT_EQ(heating("Bwyler a rheiddiaduron, nwy prif gyflenwad, Gwresogyddion ystafell, trydan"),
            HeatingSystem::kGasBoiler);
  // Under the predecessor's reading the last system named wins.
  EXPECT_EQ(classify_heating("Boiler and radiators, mains gas, Electric storage heaters", P),
            HeatingSystem::kElectric);
}

// The U-value itself is kept per element whatever the methodology, and a roof or floor
// that is another dwelling (in English or Welsh) is recorded as such.
TEST(RegisterWording, UValuesStoredAndNeighbouringDwellings) {
  const char* wall_u = "Average thermal transmittance 0.28 W/m\xC3\x82\xC2\xB2K";
  ASSERT_TRUE(walls(wall_u).u_value.has_value());
  EXPECT_DOUBLE_EQ(*walls(wall_u).u_value, 0.28);
  EXPECT_DOUBLE_EQ(*classify_walls(wall_u, true, P).u_value, 0.28);
  EXPECT_FALSE(walls("Cavity wall, filled cavity").u_value.has_value());
  EXPECT_DOUBLE_EQ(*roof("Average thermal transmittance 0.16 W/m?K").u_value, 0.16);
  EXPECT_DOUBLE_EQ(*floor_of("Average thermal transmittance 0.45 W/m&#0178;K").u_value, 0.45);
  EXPECT_TRUE(roof("(another dwelling above)").other_dwelling_above);
  EXPECT_TRUE(roof("(other premises above)").other_dwelling_above);
  EXPECT_TRUE(roof("(annedd arall uwchben)").other_dwelling_above);
  EXPECT_FALSE(roof("Pitched, 270 mm loft insulation").other_dwelling_above);
  EXPECT_TRUE(floor_of("(another dwelling below)").other_dwelling_below);
  EXPECT_TRUE(floor_of("(eiddo arall islaw)").other_dwelling_below);
  EXPECT_FALSE(floor_of("Suspended, no insulation (assumed)").other_dwelling_below);
  EXPECT_FALSE(floor_of("To unheated space, insulated").other_dwelling_below);
}
