#pragma once
// The dwelling table, declared once: every per-dwelling column of /properties, with its
// type, unit, description and code labels, grouped by the stage that fills it. Stages
// make their columns from these declarations (add_column) and read other stages' columns
// through them (column); the results writer stores what the declarations say.
#include <cstdint>
#include <string>

#include "heatstreet/core/column_spec.hpp"
#include "heatstreet/core/vocabulary.hpp"

namespace heatstreet::dwelling {

template <class T>
using Spec = ColumnSpec<T>;
using Text = std::string;

// --- Identity and place (ingest) ---------------------------------------------------------
inline constexpr Spec<Text> kCertificateNumber{
    "certificate_number", "", "certificate number (CERTIFICATE_NUMBER, else LMK_KEY)"};
inline constexpr Spec<std::int64_t> kUprn{"uprn", "",
                                          "Unique Property Reference Number, -1 when none"};
inline constexpr Spec<Text> kAddress{"address", "",
                                     "address as registered (ADDRESS, else ADDRESS1-3 joined)"};
inline constexpr Spec<Text> kPostcode{
    "postcode", "", "postcode, normalised (upper case, one space before the inward code)"};
inline constexpr Spec<Text> kLocalAuthority{"local_authority", "",
                                            "local authority GSS code (LOCAL_AUTHORITY)"};
inline constexpr Spec<Text> kLocalAuthorityName{
    "local_authority_name", "", "local authority name (COUNCIL, BOROUGH or LOCAL_AUTHORITY_LABEL)"};
inline constexpr Spec<std::int32_t> kLodgementDate{"lodgement_date", "days since 1970-01-01",
                                                   "lodgement date, -2147483648 when not recorded"};
inline constexpr Spec<std::int32_t> kSourceFile{"source_file", "",
                                                "index of the input file in the input list"};
inline constexpr Spec<std::int64_t> kSourceLine{
    "source_line", "", "physical line (1-based) where the certificate's row starts"};
inline constexpr Spec<double> kEasting{"easting", "m", "easting, EPSG:27700; NaN when unlocated"};
inline constexpr Spec<double> kNorthing{"northing", "m",
                                        "northing, EPSG:27700; NaN when unlocated"};
inline constexpr Spec<std::uint8_t> kLocated{"located", "", "1 when the dwelling has a location"};

// --- Register values (ingest) ------------------------------------------------------------
inline constexpr Spec<Text> kPropertyType{"property_type", "", "PROPERTY_TYPE as registered"};
inline constexpr Spec<Text> kBuiltForm{"built_form", "", "BUILT_FORM as registered"};
inline constexpr Spec<Text> kAgeBand{"construction_age_band", "",
                                     "CONSTRUCTION_AGE_BAND as registered"};
inline constexpr Spec<std::uint8_t> kCurrentBand{"current_energy_rating", "",
                                                 "current EPC band, 255 when not A-G", band_labels};
inline constexpr Spec<double> kCurrentSap{"current_energy_efficiency", "SAP points",
                                          "current energy efficiency (SAP), NaN when missing"};
inline constexpr Spec<double> kFloorArea{"total_floor_area_m2", "m2", "total floor area"};
inline constexpr Spec<double> kEnergyIntensity{
    "energy_consumption_current_kwh_m2", "kWh/m2/yr",
    "modelled primary energy intensity, slight negatives set to 0"};
inline constexpr Spec<double> kCo2{"co2_emissions_current_t", "t/yr",
                                   "modelled CO2 emissions, slight negatives set to 0"};

// --- Classified descriptors (ingest; codes of core/vocabulary.hpp) ------------------------
inline constexpr Spec<std::uint8_t> kHeatingSystem{
    "heating_system_type", "", "main heating system class", heating_system_labels};
inline constexpr Spec<std::uint8_t> kWallType{"wall_type", "", "wall construction class",
                                              wall_type_labels};
inline constexpr Spec<std::uint8_t> kWallInsulation{
    "wall_insulation_status", "", "wall insulation status", wall_insulation_labels};
inline constexpr Spec<std::uint8_t> kWallInsulated{"wall_insulated", "",
                                                   "1 when the walls are insulated"};
inline constexpr Spec<float> kRoofThickness{
    "roof_insulation_thickness_mm", "mm",
    "loft insulation thickness (parsed, else imputed from ROOF_ENERGY_EFF), NaN unknown"};
inline constexpr Spec<std::uint8_t> kRoofCategory{
    "roof_insulation_category", "", "loft insulation category", roof_insulation_labels};
inline constexpr Spec<std::uint8_t> kFloorInsulation{
    "floor_insulation", "", "floor insulation class", floor_insulation_labels};
inline constexpr Spec<std::uint8_t> kFloorInsulationPresent{
    "floor_insulation_present", "", "floor insulation present: 0, 1, 255 unknown"};
inline constexpr Spec<float> kWallUValue{"wall_u_value", "W/m2K",
                                         "walls U-value when the register gives one, else NaN"};
inline constexpr Spec<float> kRoofUValue{"roof_u_value", "W/m2K",
                                         "roof U-value when the register gives one, else NaN"};
inline constexpr Spec<float> kFloorUValue{"floor_u_value", "W/m2K",
                                          "floor U-value when the register gives one, else NaN"};
inline constexpr Spec<std::uint8_t> kOtherDwellingAbove{
    "other_dwelling_above", "", "1 when the roof is another dwelling or premises above",
    yes_no_labels};
inline constexpr Spec<std::uint8_t> kOtherDwellingBelow{
    "other_dwelling_below", "", "1 when the floor is over another dwelling or premises",
    yes_no_labels};
inline constexpr Spec<std::uint8_t> kGlazing{"glazing_type", "", "glazing class", glazing_labels};
inline constexpr Spec<std::uint8_t> kVentilation{"ventilation_type", "", "ventilation class",
                                                 ventilation_labels};
inline constexpr Spec<std::uint8_t> kTenure{"tenure", "", "tenure class", tenure_labels};
inline constexpr Spec<std::uint8_t> kHasTrv{"controls_trv", "", "1 when the controls include TRVs"};
inline constexpr Spec<std::uint8_t> kHasProgrammer{
    "controls_programmer", "", "1 when the controls include a programmer or timer"};
inline constexpr Spec<std::uint8_t> kHasRoomThermostat{
    "controls_room_thermostat", "", "1 when the controls include a room thermostat"};
inline constexpr Spec<std::uint8_t> kHasSmartControls{
    "controls_smart", "", "1 when the controls are smart (app, learning, wireless)"};
inline constexpr Spec<std::uint8_t> kInsulationLogicFlag{
    "insulation_logic_flag", "",
    "1 when the walls text names solid walls with a filled cavity (V7)"};
// What the stock characterisation needs of the register text (ingest/register_text.hpp).
inline constexpr Spec<std::uint8_t> kRoofText{
    "roof_text", "",
    "what ROOF_DESCRIPTION says, bits: 1 described, 2 mm parsed, 4 no insulation, 8 '0 mm', 16 "
    "'0mm', 32 '50mm|75mm|100mm', 64 file has ROOF_ENERGY_EFF"};
inline constexpr Spec<std::uint8_t> kRoofRating{
    "roof_energy_eff", "", "ROOF_ENERGY_EFF rating, 255 when not recorded", rating_labels};
inline constexpr Spec<std::uint8_t> kHotWater{
    "hot_water_type", "", "hot-water system type from HOTWATER_DESCRIPTION, 255 when not described",
    hot_water_labels};
inline constexpr Spec<std::int32_t> kRecordedFields{
    "recorded_fields", "",
    "bit k set when key field k of the data-quality report was recorded (TOTAL_FLOOR_AREA, "
    "CURRENT_ENERGY_EFFICIENCY, ENERGY_CONSUMPTION_CURRENT, CO2_EMISSIONS_CURRENT, "
    "WALLS_DESCRIPTION, WALLS_ENERGY_EFF, ROOF_DESCRIPTION, ROOF_ENERGY_EFF, "
    "WINDOWS_DESCRIPTION, MAINHEAT_DESCRIPTION, MAINHEAT_CONT_DESCRIPTION, POSTCODE)"};

// --- Spatial stage -----------------------------------------------------------------------
inline constexpr Spec<std::int64_t> kCell{
    "cell", "", "grid cell key ((ix + 2^31) << 32 | (iy + 2^31)), -1 when unlocated"};
inline constexpr Spec<double> kHeatDensity{"heat_density_gwh_km2", "GWh/yr/km2",
                                           "heat density of the dwelling's 250 m neighbourhood"};
inline constexpr Spec<std::uint8_t> kHeatNetworkTier{"tier", "", "heat-network tier 1-5",
                                                     heat_network_tier_labels};
inline constexpr Spec<double> kDistanceToNetwork{"distance_to_network_m", "m",
                                                 "distance to the nearest existing heat network"};
inline constexpr Spec<std::uint8_t> kInHeatZone{
    "in_heat_zone", "", "inside a heat-network zone or near a planned scheme"};
inline constexpr Spec<std::uint8_t> kHnReady{"hn_ready", "",
                                             "heat-network ready (tier <= ready_tier_max)"};

// --- Baseline (scenario model) -----------------------------------------------------------
inline constexpr Spec<double> kBaselineEnergy{
    "baseline_energy_kwh", "kWh/yr",
    "Baseline delivered energy after the prebound (performance-gap) adjustment"};
inline constexpr Spec<double> kAdjustedEnergyIntensity{
    "energy_consumption_adjusted_kwh_m2", "kWh/m2/yr",
    "Register energy intensity times the prebound factor of the band"};
inline constexpr Spec<double> kReboundFactor{
    "rebound_factor", "", "Share of fabric savings realised (comfort taking) by band"};
inline constexpr Spec<double> kFlowTemp{"estimated_flow_temp_c", "degC",
                                        "Estimated heating flow temperature today"};
inline constexpr Spec<std::uint8_t> kAshpReady{
    "ashp_ready", "", "Heat-pump ready today (demand or EPC band)", yes_no_labels};
inline constexpr Spec<std::uint8_t> kAshpProjectedReady{
    "ashp_projected_ready", "", "Heat-pump ready after the minimum fabric bundle", yes_no_labels};

// --- Stock characterisation: heat-pump readiness, anomalies, uncertainty -----------------
inline constexpr Spec<std::uint8_t> kHpReadinessTier{
    "hp_readiness_tier", "", "heat-pump readiness tier 1-5 from the deficiency score",
    readiness_tier_code_labels};
inline constexpr Spec<std::uint8_t> kNeedsLoft{"needs_loft_topup", "",
                                               "1 when the loft needs a top-up", yes_no_labels};
inline constexpr Spec<std::uint8_t> kNeedsWall{"needs_wall_insulation", "",
                                               "1 when the walls are not insulated", yes_no_labels};
inline constexpr Spec<std::uint8_t> kWallWork{
    "wall_insulation_type", "", "wall insulation needed before a heat pump", wall_work_labels};
inline constexpr Spec<std::uint8_t> kNeedsGlazing{
    "needs_glazing_upgrade", "", "1 when single glazing needs replacing", yes_no_labels};
inline constexpr Spec<std::uint8_t> kNeedsRadiators{
    "needs_radiator_upsizing", "", "1 when post-fabric demand calls for larger emitters",
    yes_no_labels};
inline constexpr Spec<float> kReadinessPostFabricDemand{
    "readiness_post_fabric_demand_kwh_m2", "kWh/m2/yr",
    "register energy intensity after the needed fabric measures (readiness rule)"};
inline constexpr Spec<float> kHpDeficiencyScore{"hp_deficiency_score", "points",
                                                "heat-pump readiness deficiency score"};
inline constexpr Spec<double> kHpFabricCost{
    "hp_fabric_prerequisite_cost_gbp", "GBP",
    "fabric work needed before a heat pump (loft, wall, glazing)"};
inline constexpr Spec<double> kHpSystemCost{
    "hp_system_cost_full_ashp_gbp", "GBP",
    "heat-pump system: emitters if needed, hot-water cylinder, ASHP"};
inline constexpr Spec<double> kHpTotalCost{"hp_total_cost_full_ashp_gbp", "GBP",
                                           "fabric prerequisites plus the full ASHP system"};
inline constexpr Spec<double> kHpTotalCostTier4Hybrid{
    "hp_total_cost_tier4_hybrid_gbp", "GBP",
    "as the total, with a hybrid heat pump instead of an ASHP in tier 4"};
inline constexpr Spec<float> kHpSize{"estimated_hp_size_kw", "kW", "estimated heat-pump size"};
inline constexpr Spec<std::uint8_t> kEpcAnomaly{
    "is_epc_fabric_anomaly", "", "1 when the EPC band looks too good for the recorded fabric",
    yes_no_labels};
inline constexpr Spec<std::uint8_t> kEpcAnomalyReason{
    "epc_anomaly_reason", "",
    "anomaly reasons (bits: 1 uninsulated_but_good_epc, 2 single_glazed_good_epc, 4 "
    "no_fabric_insulation_good_epc)",
    anomaly_reason_labels};
inline constexpr Spec<float> kDemandLow{
    "heat_demand_low_kwh_m2", "kWh/m2/yr",
    "register energy intensity at the low end of its uncertainty"};
inline constexpr Spec<float> kDemandHigh{
    "heat_demand_high_kwh_m2", "kWh/m2/yr",
    "register energy intensity at the high end of its uncertainty"};
inline constexpr Spec<float> kSapUncertainty{"sap_uncertainty_points", "SAP points",
                                             "uncertainty of the SAP rating"};

}  // namespace heatstreet::dwelling
