// Classifiers on the register's real wording (data validation spec §1.5, §3.4, §11.4),
// in both methodologies where they differ.
#include <gtest/gtest.h>

#include "heatstreet/ingest/classify.hpp"

using namespace heatstreet;
using namespace heatstreet::epc;
const IngestPolicy D = ingest_policy(Methodology::kDocumented);
const IngestPolicy P = ingest_policy(Methodology::kPython);

TEST(EpcClassify, RegexHelpersFollowSearchSemantics) {
  EXPECT_TRUE(has_seq("cavity wall, as built, no insulation", "cavity", "insul"));
  EXPECT_FALSE(has_seq("insulated cavity", "cavity", "insul"));
  EXPECT_FALSE(has_seq("solid\nbrick", "solid", "brick"));  // '.' stops at a line feed
  EXPECT_TRUE(has_word("via app control", "app"));
  EXPECT_FALSE(has_word("appliance thermostats", "app"));
}

TEST(EpcClassify, HeatingSystem) {
  for (const IngestPolicy& m : {D, P}) {
    EXPECT_EQ(classify_heating("Boiler and radiators, mains gas", m), HeatingSystem::kGasBoiler);
    EXPECT_EQ(classify_heating("Room heaters, mains gas", m), HeatingSystem::kOther);
    EXPECT_EQ(classify_heating("Warm air, mains gas", m), HeatingSystem::kOther);
    EXPECT_EQ(classify_heating("Community scheme", m), HeatingSystem::kDistrict);
    EXPECT_EQ(classify_heating("Electric storage heaters", m), HeatingSystem::kElectric);
    EXPECT_EQ(classify_heating("Air source heat pump, radiators, electric", m),
              HeatingSystem::kHeatPump);
    EXPECT_EQ(classify_heating("No system present: electric heaters assumed", m),
              HeatingSystem::kElectric);
  }
  EXPECT_EQ(classify_heating("Boiler and radiators, oil", P), HeatingSystem::kGasBoiler);
  EXPECT_EQ(classify_heating("Boiler and radiators, oil", D), HeatingSystem::kOther);
}

TEST(EpcClassify, Walls) {
  auto w = classify_walls("Solid brick, as built, no insulation (assumed)", true, P);
  EXPECT_EQ(w.type, WallType::kSolidBrick);
  EXPECT_EQ(w.status, WallInsulation::kNone);
  EXPECT_FALSE(w.insulated);
  w = classify_walls("Solid brick, with internal insulation", true, D);
  EXPECT_EQ(w.status, WallInsulation::kInternal);
  EXPECT_TRUE(w.insulated);
  w = classify_walls("Solid brick, with external insulation", true, P);
  EXPECT_EQ(w.status, WallInsulation::kExternal);
  w = classify_walls("Cavity wall, filled cavity", true, D);
  EXPECT_EQ(w.type, WallType::kCavity);
  EXPECT_EQ(w.status, WallInsulation::kCavityFilled);
  w = classify_walls("Solid brick, filled cavity", true, P);  // golden G07
  EXPECT_EQ(w.type, WallType::kCavity);
  EXPECT_EQ(w.status, WallInsulation::kCavityFilled);
  EXPECT_EQ(
      classify_walls("Sandstone or limestone, as built, no insulation (assumed)", true, P).type,
      WallType::kStone);
  EXPECT_EQ(classify_walls("Timber frame, as built, insulated (assumed)", true, P).type,
            WallType::kTimberFrame);
  EXPECT_EQ(classify_walls("System built, as built, no insulation (assumed)", true, P).type,
            WallType::kSystemBuilt);
  EXPECT_EQ(classify_walls("Average thermal transmittance 0.35 W/m²K", true, P).type,
            WallType::kOther);
  EXPECT_EQ(classify_walls("", false, P).type, WallType::kUnknown);
  // The predecessor's two mis-readings, and the documented fixes.
  w = classify_walls("Cavity wall, as built, no insulation (assumed)", true, P);
  EXPECT_EQ(w.status, WallInsulation::kCavityFilled);
  EXPECT_TRUE(w.insulated);
  w = classify_walls("Cavity wall, as built, no insulation (assumed)", true, D);
  EXPECT_EQ(w.status, WallInsulation::kNone);
  EXPECT_FALSE(w.insulated);
  w = classify_walls("Solid brick, as built, insulated (assumed)", true, P);
  EXPECT_EQ(w.status, WallInsulation::kNone);
  EXPECT_FALSE(w.insulated);
  w = classify_walls("Solid brick, as built, insulated (assumed)", true, D);
  EXPECT_TRUE(w.insulated);
  w = classify_walls("Solid brick, as built, partial insulation (assumed)", true, D);
  EXPECT_EQ(w.status, WallInsulation::kPartial);
}

TEST(EpcClassify, Roof) {
  auto r = classify_roof("Pitched, 100 mm loft insulation", "Average", P);
  EXPECT_EQ(*r.thickness_mm, 100);
  EXPECT_EQ(r.category, RoofInsulation::kPartial);
  EXPECT_EQ(classify_roof("Pitched, 270 mm loft insulation", "", P).category,
            RoofInsulation::kExcellent);
  EXPECT_EQ(classify_roof("Pitched, 250 mm loft insulation", "", P).category,
            RoofInsulation::kGood);
  EXPECT_EQ(classify_roof("Pitched, 25 mm loft insulation", "", P).category,
            RoofInsulation::kMinimal);
  r = classify_roof("Pitched, no insulation (assumed)", "Very Poor", P);
  EXPECT_EQ(*r.thickness_mm, 0);
  EXPECT_EQ(r.category, RoofInsulation::kNone);
  // "300+ mm" is not parsed by the predecessor: the band fallback imputes 300 here.
  EXPECT_EQ(*classify_roof("Pitched, 300+ mm loft insulation", "Average", P).thickness_mm, 150);
  EXPECT_EQ(*classify_roof("Pitched, 300+ mm loft insulation", "Average", D).thickness_mm, 300);
  EXPECT_EQ(*classify_roof("Pitched, insulated at rafters", "Good", D).thickness_mm, 250);
  EXPECT_FALSE(classify_roof("(another dwelling above)", "", D).thickness_mm.has_value());
}

TEST(EpcClassify, Floor) {
  auto f = classify_floor("Suspended timber, no insulation", D);
  EXPECT_EQ(f.insulation, FloorInsulation::kNone);
  EXPECT_EQ(f.present, 0);
  EXPECT_EQ(classify_floor("Solid floor, uninsulated", D).insulation, FloorInsulation::kNone);
  f = classify_floor("Suspended timber, insulated", D);
  EXPECT_EQ(f.insulation, FloorInsulation::kFull);
  EXPECT_EQ(f.present, 1);
  EXPECT_EQ(classify_floor("Some limited floor insulation", D).insulation, FloorInsulation::kSome);
  EXPECT_EQ(classify_floor("Suspended, limited insulation (assumed)", D).insulation,
            FloorInsulation::kSome);
  f = classify_floor("Floor U-value 0.72 W/m2K", D);
  EXPECT_EQ(f.insulation, FloorInsulation::kUnknown);
  EXPECT_EQ(f.present, kUnknownCode);
  EXPECT_EQ(classify_floor("", D).insulation, FloorInsulation::kUnknown);
}

TEST(EpcClassify, Glazing) {
  EXPECT_EQ(classify_glazing("Fully double glazed", "", "", P), Glazing::kDouble);
  EXPECT_EQ(classify_glazing("Fully triple glazed", "", "", P), Glazing::kTriple);
  EXPECT_EQ(classify_glazing("Single glazed", "", "", P), Glazing::kSingle);
  EXPECT_EQ(classify_glazing("Some double glazing", "", "", P), Glazing::kMixed);
  EXPECT_EQ(classify_glazing("Full secondary glazing", "", "Poor", P), Glazing::kSingle);
  EXPECT_EQ(classify_glazing("High performance glazing", "", "Good", D), Glazing::kDouble);
  // A later column overwrites in the predecessor; the description wins when documented.
  EXPECT_EQ(classify_glazing("Partial double glazing",
                             "double glazing installed during or after 2002", "", P),
            Glazing::kDouble);
  EXPECT_EQ(classify_glazing("Partial double glazing",
                             "double glazing installed during or after 2002", "", D),
            Glazing::kMixed);
}

TEST(EpcClassify, VentilationTenureControls) {
  EXPECT_EQ(classify_ventilation("", "natural"), Ventilation::kNatural);
  EXPECT_EQ(classify_ventilation("", "mechanical, extract only"), Ventilation::kMev);
  EXPECT_EQ(classify_ventilation("", "mechanical, supply and extract"), Ventilation::kMev);
  EXPECT_EQ(classify_ventilation("MVHR", ""), Ventilation::kMvhr);
  EXPECT_EQ(classify_ventilation("", "NO DATA!"), Ventilation::kUnknown);
  EXPECT_EQ(classify_tenure("owner-occupied", true), Tenure::kOwnerOccupied);
  EXPECT_EQ(classify_tenure("Rented (private)", true), Tenure::kPrivateRented);
  EXPECT_EQ(classify_tenure("rental (social)", true), Tenure::kSocial);
  EXPECT_EQ(classify_tenure("NO DATA!", true), Tenure::kUnknown);
  EXPECT_EQ(
      classify_tenure("Not defined - use in the case of a new dwelling for which the intended "
                      "tenure in not known. It is not to be used for an existing dwelling",
                      true),
      Tenure::kUnknown);
  auto c = classify_controls("Programmer, room thermostat and TRVs", P);
  EXPECT_TRUE(c.trv && c.programmer && c.room_thermostat && !c.smart);
  EXPECT_TRUE(classify_controls("Programmer and appliance thermostats", P).smart);  // G09, the bug
  EXPECT_FALSE(classify_controls("Programmer and appliance thermostats", D).smart);
  EXPECT_TRUE(illogical_insulation("Solid brick, filled cavity"));
  EXPECT_FALSE(illogical_insulation("Cavity wall, filled cavity"));
}
