#pragma once
// The worked example of the spatial spec §10: ten dwellings, one existing and two planned
// HNPD schemes, c = 125 m, r = 250 m, thresholds 20 / 5, d1 = 250 m, d2 = 500 m.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace spatial_example {

struct Dwelling {
  const char* id;
  double x, y;  // BNG; NaN for P9 (postcode not found)
  double ecc;   // kWh/m²/yr
  double tfa;   // m²
  // Expected values from spec §10.
  double density_circular, density_square;
  int tier_circular, tier_square, tier_disabled;
  double dist_existing, dist_planned;  // to 3 decimals as the spec prints them
};

inline const std::vector<Dwelling>& dwellings() {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  static const std::vector<Dwelling> d{
      {"P1", 530010, 180010, 200, 5000, 20.371832715762604, 23.427607623126992, 3, 3, 5, 790.063,
       610.000},
      {"P2", 530100, 180120, 250, 4000, 20.371832715762604, 23.427607623126992, 3, 3, 5, 710.211,
       708.590},
      {"P3", 530125, 180010, 200, 5000, 18.84394526208041, 23.427607623126992, 4, 3, 5, 675.074,
       725.000},
      {"P4", 530260, 180010, 100, 2000, 19.353241079974474, 20.881128533656668, 4, 3, 5, 540.093,
       646.297},
      {"P5", 530010, 180260, 150, 2000, 14.769578718927887, 23.427607623126992, 4, 3, 5, 831.685,
       659.242},
      {"P6", 530300, 180300, 300, 2000, 5.602253996834716, 20.881128533656668, 4, 3, 5, 583.095,
       632.456},
      {"P7", 530625, 180010, 200, 1000, 1.0185916357881302, 1.0185916357881302, 1, 1, 1, 175.285,
       289.353},
      {"P8", 529880, 180010, 250, 2000, 17.82535362629228, 19.353241079974474, 2, 2, 2, 920.054,
       480.000},
      {"P9", nan, nan, 200, 100, nan, nan, 5, 5, 5, nan, nan},
      {"P10", 531500, 181000, 100, 1000, 0.5092958178940651, 0.5092958178940651, 5, 5, 5, 1220.656,
       1081.665},
  };
  return d;
}

// Python's density for P9's pseudo-cell (spec §10 note): S = 20,000 kWh.
inline constexpr double kPseudoCellDensity = 0.10185916357881303;

// HNPD pipeline file holding the example's schemes (BNG coordinates, London).
inline std::string hnpd_csv() {
  return "Ref ID,Site Name,Region,Development Status,Development Status "
         "(short),X-coordinate,Y-coordinate\r\n"
         "1,Existing N1,London,Operational,Operational,530800,180000\r\n"
         "2,Planned Z1,London,Planning Permission Granted,Planning,529400,180010\r\n"
         "3,Planned Z2,London,Appeal Granted,Planning,530900,180100\r\n";
}

}  // namespace spatial_example
