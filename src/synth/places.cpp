// Place tables of the synthetic generator: every local authority of England and Wales
// (April 2023 geography) with its GSS code, the register's label, its region as the Heat
// Network Planning Database spells it, its postcode area, an approximate centre and radius
// on the British National Grid (km) and a rough number of dwellings (thousands), which
// sets its share of certificates. For London the shares are those of spec
// data-validation §10 and the postcode districts are listed per borough (each district is
// given to one borough only, so that a postcode never belongs to two authorities).
#include <algorithm>
#include <string>
#include <vector>

#include "heatstreet/synth/detail.hpp"

namespace heatstreet::synth::detail {
namespace {

constexpr const char* NE = "North East";
constexpr const char* NW = "North West";
constexpr const char* YH = "Yorkshire and Humber";
constexpr const char* EM = "East Midlands";
constexpr const char* WM = "West Midlands";
constexpr const char* EE = "East of England";
constexpr const char* SE = "South East";
constexpr const char* SW = "South West";
constexpr const char* WA = "Wales";

struct Borough {
  const char* code;
  const char* name;
  double share_pct;  // share of the cohort, spec §10
  double e_km, n_km, r_km;
  double dwellings_k;
  const char* districts;
  const char* posttown;
};

// clang-format off
const Borough kBoroughs[] = {
  {"E09000001", "City of London",          0.01, 532.5, 181.3, 1.0,   6, "EC2Y EC3A EC4M", "LONDON"},
  {"E09000002", "Barking and Dagenham",    2.04, 547.5, 185.0, 3.3,  78, "IG11 RM8 RM9 RM10", "DAGENHAM"},
  {"E09000003", "Barnet",                  2.54, 524.0, 192.5, 5.5, 150, "N2 N3 N12 N20 NW4 NW7 NW11 EN5 HA8", "LONDON"},
  {"E09000004", "Bexley",                  1.72, 549.0, 175.0, 4.5, 100, "DA5 DA6 DA7 DA14 DA15 DA16 DA17 DA18", "BEXLEYHEATH"},
  {"E09000005", "Brent",                   2.42, 520.5, 185.5, 3.7, 125, "NW2 NW6 NW10 HA0 HA9", "LONDON"},
  {"E09000006", "Bromley",                 2.16, 542.0, 166.0, 7.0, 145, "BR1 BR2 BR3 BR4 BR5 BR6 BR7", "BROMLEY"},
  {"E09000007", "Camden",                  1.21, 528.0, 184.5, 2.6, 105, "NW1 NW3 NW5 WC1H WC1N", "LONDON"},
  {"E09000008", "Croydon",                 5.45, 533.0, 163.0, 5.0, 160, "CR0 CR2 CR7 CR8 SE25", "CROYDON"},
  {"E09000009", "Ealing",                  3.93, 516.0, 181.0, 4.2, 135, "W3 W5 W7 W13 UB1 UB2 UB6", "LONDON"},
  {"E09000010", "Enfield",                 4.48, 533.0, 196.5, 5.0, 130, "EN1 EN2 EN3 N9 N13 N18 N21", "ENFIELD"},
  {"E09000011", "Greenwich",               3.93, 543.0, 177.0, 4.2, 115, "SE2 SE3 SE7 SE9 SE10 SE18 SE28", "LONDON"},
  {"E09000012", "Hackney",                 2.39, 534.5, 185.0, 2.5, 115, "E5 E8 E9 N16", "LONDON"},
  {"E09000013", "Hammersmith and Fulham",  3.93, 523.5, 178.5, 2.2,  90, "W6 W12 W14 SW6", "LONDON"},
  {"E09000014", "Haringey",                5.35, 531.5, 189.5, 3.0, 110, "N4 N6 N8 N10 N15 N17 N22", "LONDON"},
  {"E09000015", "Harrow",                  1.10, 515.0, 189.5, 3.6,  90, "HA1 HA2 HA3 HA5", "HARROW"},
  {"E09000016", "Havering",                0.82, 554.5, 187.5, 6.3, 105, "RM1 RM2 RM3 RM5 RM7 RM11 RM12 RM14", "ROMFORD"},
  {"E09000017", "Hillingdon",              1.06, 508.0, 183.0, 6.6, 115, "UB3 UB4 UB7 UB8 UB10 HA4 HA6", "UXBRIDGE"},
  {"E09000018", "Hounslow",                1.97, 512.0, 175.5, 4.6, 105, "TW3 TW4 TW5 TW7 TW8 TW13 W4", "HOUNSLOW"},
  {"E09000019", "Islington",               1.98, 531.0, 185.0, 2.2, 110, "N1 N5 N7 N19 EC1V", "LONDON"},
  {"E09000020", "Kensington and Chelsea",  2.17, 525.5, 179.5, 1.9,  87, "W8 W10 W11 SW3 SW5 SW7 SW10", "LONDON"},
  {"E09000021", "Kingston upon Thames",    0.93, 519.0, 167.5, 3.4,  70, "KT1 KT2 KT3 KT5 KT6 KT9", "KINGSTON UPON THAMES"},
  {"E09000022", "Lambeth",                 3.59, 530.5, 174.5, 3.0, 140, "SW2 SW4 SW8 SW9 SW16 SE11 SE27", "LONDON"},
  {"E09000023", "Lewisham",                4.47, 537.5, 173.5, 3.4, 130, "SE4 SE6 SE8 SE12 SE13 SE14 SE23 SE26", "LONDON"},
  {"E09000024", "Merton",                  3.77, 525.5, 169.5, 3.1,  85, "SW19 SW20 CR4 SM4", "LONDON"},
  {"E09000025", "Newham",                  8.28, 541.0, 183.0, 3.4, 125, "E6 E7 E12 E13 E15 E16", "LONDON"},
  {"E09000026", "Redbridge",               4.46, 544.0, 189.0, 4.2, 105, "E18 IG1 IG2 IG3 IG4 IG5 IG6 IG8", "ILFORD"},
  {"E09000027", "Richmond upon Thames",    3.37, 517.0, 172.5, 4.8,  85, "TW1 TW2 TW9 TW10 TW11 TW12 SW13 SW14", "RICHMOND"},
  {"E09000028", "Southwark",               2.58, 533.5, 176.5, 3.1, 140, "SE1 SE5 SE15 SE16 SE17 SE21 SE22", "LONDON"},
  {"E09000029", "Sutton",                  1.15, 527.0, 163.0, 3.7,  85, "SM1 SM2 SM3 SM5 SM6", "SUTTON"},
  {"E09000030", "Tower Hamlets",           1.15, 536.0, 181.5, 2.5, 140, "E1 E1W E2 E3 E14", "LONDON"},
  {"E09000031", "Waltham Forest",          7.27, 537.5, 189.5, 3.3, 105, "E4 E10 E11 E17", "LONDON"},
  {"E09000032", "Wandsworth",              6.45, 526.0, 174.0, 3.3, 140, "SW11 SW12 SW15 SW17 SW18", "LONDON"},
  {"E09000033", "Westminster",             1.88, 528.5, 181.0, 2.7, 125, "NW8 W1U W2 W9 SW1V", "LONDON"},
};

struct Authority {
  const char* code;
  const char* name;
  const char* region;
  const char* area;  // postcode area
  double e_km, n_km, r_km;
  double dwellings_k;
};

const Authority kAuthorities[] = {
  // Unitary authorities
  {"E06000001", "Hartlepool", NE, "TS", 449, 532, 7, 43},
  {"E06000002", "Middlesbrough", NE, "TS", 450, 517, 5, 62},
  {"E06000003", "Redcar and Cleveland", NE, "TS", 462, 520, 10, 63},
  {"E06000004", "Stockton-on-Tees", NE, "TS", 444, 519, 9, 87},
  {"E06000005", "Darlington", NE, "DL", 428, 515, 9, 50},
  {"E06000006", "Halton", NW, "WA", 352, 384, 6, 57},
  {"E06000007", "Warrington", NW, "WA", 360, 388, 9, 94},
  {"E06000008", "Blackburn with Darwen", NW, "BB", 368, 423, 7, 62},
  {"E06000009", "Blackpool", NW, "FY", 332, 436, 4, 70},
  {"E06000010", "Kingston upon Hull, City of", YH, "HU", 510, 430, 6, 121},
  {"E06000011", "East Riding of Yorkshire", YH, "YO", 490, 445, 28, 157},
  {"E06000012", "North East Lincolnshire", YH, "DN", 525, 406, 9, 73},
  {"E06000013", "North Lincolnshire", YH, "DN", 490, 410, 17, 77},
  {"E06000014", "York", YH, "YO", 460, 452, 9, 94},
  {"E06000015", "Derby", EM, "DE", 435, 336, 6, 113},
  {"E06000016", "Leicester", EM, "LE", 458, 304, 6, 135},
  {"E06000017", "Rutland", EM, "LE", 490, 308, 9, 17},
  {"E06000018", "Nottingham", EM, "NG", 457, 340, 5, 139},
  {"E06000019", "Herefordshire, County of", WM, "HR", 350, 245, 26, 88},
  {"E06000020", "Telford and Wrekin", WM, "TF", 368, 310, 10, 78},
  {"E06000021", "Stoke-on-Trent", WM, "ST", 388, 346, 6, 118},
  {"E06000022", "Bath and North East Somerset", SW, "BA", 370, 160, 11, 83},
  {"E06000023", "Bristol, City of", SW, "BS", 359, 173, 7, 205},
  {"E06000024", "North Somerset", SW, "BS", 345, 165, 11, 94},
  {"E06000025", "South Gloucestershire", SW, "BS", 370, 182, 12, 120},
  {"E06000026", "Plymouth", SW, "PL", 248, 57, 6, 120},
  {"E06000027", "Torbay", SW, "TQ", 290, 62, 5, 65},
  {"E06000030", "Swindon", SW, "SN", 415, 186, 8, 100},
  {"E06000031", "Peterborough", EE, "PE", 519, 299, 9, 84},
  {"E06000032", "Luton", EE, "LU", 508, 222, 4, 81},
  {"E06000033", "Southend-on-Sea", EE, "SS", 588, 186, 4, 83},
  {"E06000034", "Thurrock", EE, "RM", 562, 180, 8, 70},
  {"E06000035", "Medway", SE, "ME", 576, 168, 9, 116},
  {"E06000036", "Bracknell Forest", SE, "RG", 486, 167, 6, 52},
  {"E06000037", "West Berkshire", SE, "RG", 447, 171, 15, 68},
  {"E06000038", "Reading", SE, "RG", 471, 173, 4, 69},
  {"E06000039", "Slough", SE, "SL", 497, 180, 3, 54},
  {"E06000040", "Windsor and Maidenhead", SE, "SL", 490, 177, 8, 62},
  {"E06000041", "Wokingham", SE, "RG", 480, 167, 8, 70},
  {"E06000042", "Milton Keynes", SE, "MK", 485, 238, 10, 118},
  {"E06000043", "Brighton and Hove", SE, "BN", 531, 106, 6, 128},
  {"E06000044", "Portsmouth", SE, "PO", 465, 101, 4, 95},
  {"E06000045", "Southampton", SE, "SO", 442, 113, 5, 110},
  {"E06000046", "Isle of Wight", SE, "PO", 450, 85, 14, 70},
  {"E06000047", "County Durham", NE, "DH", 420, 540, 25, 240},
  {"E06000049", "Cheshire East", NW, "CW", 375, 360, 19, 180},
  {"E06000050", "Cheshire West and Chester", NW, "CH", 350, 367, 17, 160},
  {"E06000051", "Shropshire", WM, "SY", 350, 300, 30, 145},
  {"E06000052", "Cornwall", SW, "TR", 190, 55, 35, 270},
  {"E06000053", "Isles of Scilly", SW, "TR", 91, 11, 4, 1},
  {"E06000054", "Wiltshire", SW, "SN", 400, 155, 30, 225},
  {"E06000055", "Bedford", EE, "MK", 505, 250, 12, 75},
  {"E06000056", "Central Bedfordshire", EE, "LU", 505, 235, 15, 120},
  {"E06000057", "Northumberland", NE, "NE", 395, 590, 40, 150},
  {"E06000058", "Bournemouth, Christchurch and Poole", SW, "BH", 408, 93, 7, 185},
  {"E06000059", "Dorset", SW, "DT", 370, 95, 28, 180},
  {"E06000060", "Buckinghamshire", SE, "HP", 483, 205, 20, 220},
  {"E06000061", "North Northamptonshire", EM, "NN", 490, 275, 15, 150},
  {"E06000062", "West Northamptonshire", EM, "NN", 465, 260, 18, 180},
  {"E06000063", "Cumberland", NW, "CA", 320, 530, 30, 130},
  {"E06000064", "Westmorland and Furness", NW, "LA", 350, 500, 30, 110},
  {"E06000065", "North Yorkshire", YH, "YO", 430, 470, 45, 280},
  {"E06000066", "Somerset", SW, "TA", 330, 135, 30, 260},
  // Metropolitan districts
  {"E08000001", "Bolton", NW, "BL", 371, 408, 7, 125},
  {"E08000002", "Bury", NW, "BL", 380, 410, 6, 85},
  {"E08000003", "Manchester", NW, "M", 384, 397, 6, 240},
  {"E08000004", "Oldham", NW, "OL", 393, 405, 7, 98},
  {"E08000005", "Rochdale", NW, "OL", 390, 413, 7, 95},
  {"E08000006", "Salford", NW, "M", 376, 398, 5, 120},
  {"E08000007", "Stockport", NW, "SK", 390, 388, 6, 130},
  {"E08000008", "Tameside", NW, "OL", 395, 398, 6, 103},
  {"E08000009", "Trafford", NW, "M", 376, 392, 6, 102},
  {"E08000010", "Wigan", NW, "WN", 358, 405, 8, 147},
  {"E08000011", "Knowsley", NW, "L", 343, 392, 5, 70},
  {"E08000012", "Liverpool", NW, "L", 339, 391, 6, 230},
  {"E08000013", "St. Helens", NW, "WA", 351, 395, 6, 82},
  {"E08000014", "Sefton", NW, "L", 333, 403, 9, 125},
  {"E08000015", "Wirral", NW, "CH", 328, 388, 8, 148},
  {"E08000016", "Barnsley", YH, "S", 435, 406, 10, 110},
  {"E08000017", "Doncaster", YH, "DN", 457, 403, 13, 140},
  {"E08000018", "Rotherham", YH, "S", 443, 392, 9, 120},
  {"E08000019", "Sheffield", YH, "S", 435, 387, 10, 250},
  {"E08000021", "Newcastle upon Tyne", NE, "NE", 423, 566, 6, 130},
  {"E08000022", "North Tyneside", NE, "NE", 431, 570, 5, 97},
  {"E08000023", "South Tyneside", NE, "NE", 436, 564, 5, 72},
  {"E08000024", "Sunderland", NE, "SR", 439, 556, 7, 128},
  {"E08000025", "Birmingham", WM, "B", 407, 287, 10, 440},
  {"E08000026", "Coventry", WM, "CV", 433, 279, 6, 140},
  {"E08000027", "Dudley", WM, "DY", 393, 289, 6, 135},
  {"E08000028", "Sandwell", WM, "B", 400, 290, 5, 132},
  {"E08000029", "Solihull", WM, "B", 415, 280, 8, 92},
  {"E08000030", "Walsall", WM, "WS", 401, 298, 6, 118},
  {"E08000031", "Wolverhampton", WM, "WV", 391, 298, 5, 115},
  {"E08000032", "Bradford", YH, "BD", 415, 433, 10, 215},
  {"E08000033", "Calderdale", YH, "HX", 405, 425, 10, 95},
  {"E08000034", "Kirklees", YH, "HD", 414, 416, 10, 190},
  {"E08000035", "Leeds", YH, "LS", 430, 434, 12, 355},
  {"E08000036", "Wakefield", YH, "WF", 434, 420, 10, 160},
  {"E08000037", "Gateshead", NE, "NE", 423, 560, 6, 94},
  // Non-metropolitan districts
  {"E07000008", "Cambridge", EE, "CB", 545, 258, 4, 55},
  {"E07000009", "East Cambridgeshire", EE, "CB", 556, 276, 12, 39},
  {"E07000010", "Fenland", EE, "PE", 540, 300, 13, 45},
  {"E07000011", "Huntingdonshire", EE, "PE", 520, 272, 14, 80},
  {"E07000012", "South Cambridgeshire", EE, "CB", 543, 254, 15, 68},
  {"E07000032", "Amber Valley", EM, "DE", 438, 350, 8, 58},
  {"E07000033", "Bolsover", EM, "S", 447, 370, 7, 36},
  {"E07000034", "Chesterfield", EM, "S", 438, 371, 5, 49},
  {"E07000035", "Derbyshire Dales", EM, "DE", 425, 362, 14, 34},
  {"E07000036", "Erewash", EM, "DE", 447, 338, 6, 52},
  {"E07000037", "High Peak", EM, "SK", 405, 385, 12, 42},
  {"E07000038", "North East Derbyshire", EM, "S", 435, 366, 8, 47},
  {"E07000039", "South Derbyshire", EM, "DE", 430, 320, 9, 47},
  {"E07000040", "East Devon", SW, "EX", 312, 95, 14, 72},
  {"E07000041", "Exeter", SW, "EX", 292, 92, 4, 58},
  {"E07000042", "Mid Devon", SW, "EX", 290, 110, 16, 37},
  {"E07000043", "North Devon", SW, "EX", 260, 132, 16, 45},
  {"E07000044", "South Hams", SW, "TQ", 270, 55, 15, 42},
  {"E07000045", "Teignbridge", SW, "TQ", 285, 75, 12, 64},
  {"E07000046", "Torridge", SW, "EX", 245, 115, 16, 33},
  {"E07000047", "West Devon", SW, "PL", 255, 85, 17, 26},
  {"E07000061", "Eastbourne", SE, "BN", 560, 100, 4, 50},
  {"E07000062", "Hastings", SE, "TN", 581, 110, 4, 44},
  {"E07000063", "Lewes", SE, "BN", 540, 110, 10, 45},
  {"E07000064", "Rother", SE, "TN", 580, 120, 12, 47},
  {"E07000065", "Wealden", SE, "TN", 555, 122, 15, 73},
  {"E07000066", "Basildon", EE, "SS", 572, 189, 5, 78},
  {"E07000067", "Braintree", EE, "CM", 575, 225, 12, 68},
  {"E07000068", "Brentwood", EE, "CM", 560, 194, 6, 32},
  {"E07000069", "Castle Point", EE, "SS", 580, 187, 3, 38},
  {"E07000070", "Chelmsford", EE, "CM", 570, 206, 9, 75},
  {"E07000071", "Colchester", EE, "CO", 600, 225, 9, 86},
  {"E07000072", "Epping Forest", EE, "CM", 545, 200, 10, 55},
  {"E07000073", "Harlow", EE, "CM", 545, 210, 3, 38},
  {"E07000074", "Maldon", EE, "CM", 585, 205, 10, 28},
  {"E07000075", "Rochford", EE, "SS", 588, 192, 6, 36},
  {"E07000076", "Tendring", EE, "CO", 615, 222, 10, 71},
  {"E07000077", "Uttlesford", EE, "CB", 553, 232, 12, 39},
  {"E07000078", "Cheltenham", SW, "GL", 395, 222, 4, 55},
  {"E07000079", "Cotswold", SW, "GL", 410, 210, 18, 42},
  {"E07000080", "Forest of Dean", SW, "GL", 365, 215, 12, 39},
  {"E07000081", "Gloucester", SW, "GL", 383, 218, 4, 58},
  {"E07000082", "Stroud", SW, "GL", 385, 205, 11, 56},
  {"E07000083", "Tewkesbury", SW, "GL", 390, 232, 10, 44},
  {"E07000084", "Basingstoke and Deane", SE, "RG", 463, 152, 13, 77},
  {"E07000085", "East Hampshire", SE, "GU", 474, 128, 13, 54},
  {"E07000086", "Eastleigh", SE, "SO", 446, 118, 6, 57},
  {"E07000087", "Fareham", SE, "PO", 456, 106, 5, 50},
  {"E07000088", "Gosport", SE, "PO", 460, 100, 3, 39},
  {"E07000089", "Hart", SE, "GU", 480, 155, 8, 40},
  {"E07000090", "Havant", SE, "PO", 472, 107, 5, 55},
  {"E07000091", "New Forest", SE, "SO", 425, 108, 15, 83},
  {"E07000092", "Rushmoor", SE, "GU", 486, 153, 3, 40},
  {"E07000093", "Test Valley", SE, "SO", 435, 130, 13, 55},
  {"E07000094", "Winchester", SE, "SO", 448, 129, 13, 55},
  {"E07000095", "Broxbourne", EE, "EN", 536, 203, 4, 40},
  {"E07000096", "Dacorum", EE, "HP", 505, 207, 9, 65},
  {"E07000098", "Hertsmere", EE, "WD", 519, 197, 6, 42},
  {"E07000099", "North Hertfordshire", EE, "SG", 522, 232, 10, 57},
  {"E07000102", "Three Rivers", EE, "WD", 506, 196, 5, 37},
  {"E07000103", "Watford", EE, "WD", 510, 197, 3, 39},
  {"E07000240", "St Albans", EE, "AL", 515, 207, 6, 60},
  {"E07000241", "Welwyn Hatfield", EE, "AL", 524, 212, 6, 49},
  {"E07000242", "East Hertfordshire", EE, "SG", 535, 220, 12, 66},
  {"E07000243", "Stevenage", EE, "SG", 524, 225, 3, 38},
  {"E07000105", "Ashford", SE, "TN", 601, 143, 12, 57},
  {"E07000106", "Canterbury", SE, "CT", 615, 158, 9, 69},
  {"E07000107", "Dartford", SE, "DA", 554, 173, 5, 48},
  {"E07000108", "Dover", SE, "CT", 630, 145, 10, 55},
  {"E07000109", "Gravesham", SE, "DA", 565, 172, 5, 44},
  {"E07000110", "Maidstone", SE, "ME", 576, 155, 10, 76},
  {"E07000111", "Sevenoaks", SE, "TN", 552, 155, 11, 50},
  {"E07000112", "Folkestone and Hythe", SE, "CT", 620, 136, 10, 52},
  {"E07000113", "Swale", SE, "ME", 595, 162, 11, 65},
  {"E07000114", "Thanet", SE, "CT", 635, 168, 5, 67},
  {"E07000115", "Tonbridge and Malling", SE, "TN", 565, 155, 9, 55},
  {"E07000116", "Tunbridge Wells", SE, "TN", 560, 140, 10, 51},
  {"E07000117", "Burnley", NW, "BB", 384, 432, 5, 41},
  {"E07000118", "Chorley", NW, "PR", 358, 417, 7, 53},
  {"E07000119", "Fylde", NW, "FY", 338, 430, 7, 39},
  {"E07000120", "Hyndburn", NW, "BB", 374, 429, 4, 36},
  {"E07000121", "Lancaster", NW, "LA", 348, 461, 12, 66},
  {"E07000122", "Pendle", NW, "BB", 387, 440, 7, 41},
  {"E07000123", "Preston", NW, "PR", 354, 430, 6, 65},
  {"E07000124", "Ribble Valley", NW, "BB", 370, 440, 13, 28},
  {"E07000125", "Rossendale", NW, "BB", 380, 422, 6, 32},
  {"E07000126", "South Ribble", NW, "PR", 352, 425, 6, 50},
  {"E07000127", "West Lancashire", NW, "L", 345, 410, 10, 51},
  {"E07000128", "Wyre", NW, "FY", 340, 442, 9, 54},
  {"E07000129", "Blaby", EM, "LE", 455, 298, 6, 42},
  {"E07000130", "Charnwood", EM, "LE", 455, 318, 9, 74},
  {"E07000131", "Harborough", EM, "LE", 472, 290, 12, 42},
  {"E07000132", "Hinckley and Bosworth", EM, "LE", 440, 298, 9, 51},
  {"E07000133", "Melton", EM, "LE", 475, 318, 11, 23},
  {"E07000134", "North West Leicestershire", EM, "LE", 440, 318, 9, 47},
  {"E07000135", "Oadby and Wigston", EM, "LE", 462, 298, 3, 23},
  {"E07000136", "Boston", EM, "PE", 532, 344, 10, 31},
  {"E07000137", "East Lindsey", EM, "LN", 535, 380, 22, 67},
  {"E07000138", "Lincoln", EM, "LN", 497, 371, 4, 45},
  {"E07000139", "North Kesteven", EM, "LN", 505, 355, 14, 51},
  {"E07000140", "South Holland", EM, "PE", 535, 325, 13, 42},
  {"E07000141", "South Kesteven", EM, "NG", 500, 330, 15, 63},
  {"E07000142", "West Lindsey", EM, "LN", 495, 390, 16, 44},
  {"E07000143", "Breckland", EE, "IP", 595, 305, 18, 63},
  {"E07000144", "Broadland", EE, "NR", 625, 315, 11, 62},
  {"E07000145", "Great Yarmouth", EE, "NR", 652, 308, 7, 47},
  {"E07000146", "King's Lynn and West Norfolk", EE, "PE", 565, 320, 20, 72},
  {"E07000147", "North Norfolk", EE, "NR", 615, 335, 15, 55},
  {"E07000148", "Norwich", EE, "NR", 623, 309, 4, 68},
  {"E07000149", "South Norfolk", EE, "NR", 620, 295, 14, 63},
  {"E07000170", "Ashfield", EM, "NG", 450, 356, 6, 57},
  {"E07000171", "Bassetlaw", EM, "S", 465, 380, 13, 54},
  {"E07000172", "Broxtowe", EM, "NG", 452, 340, 5, 50},
  {"E07000173", "Gedling", EM, "NG", 462, 345, 6, 52},
  {"E07000174", "Mansfield", EM, "NG", 454, 361, 4, 50},
  {"E07000175", "Newark and Sherwood", EM, "NG", 475, 357, 15, 56},
  {"E07000176", "Rushcliffe", EM, "NG", 462, 332, 9, 49},
  {"E07000177", "Cherwell", SE, "OX", 450, 225, 12, 66},
  {"E07000178", "Oxford", SE, "OX", 452, 206, 4, 60},
  {"E07000179", "South Oxfordshire", SE, "OX", 462, 195, 14, 61},
  {"E07000180", "Vale of White Horse", SE, "OX", 445, 195, 12, 59},
  {"E07000181", "West Oxfordshire", SE, "OX", 435, 212, 13, 48},
  {"E07000192", "Cannock Chase", WM, "WS", 398, 311, 5, 44},
  {"E07000193", "East Staffordshire", WM, "DE", 423, 323, 10, 54},
  {"E07000194", "Lichfield", WM, "WS", 412, 308, 9, 46},
  {"E07000195", "Newcastle-under-Lyme", WM, "ST", 384, 346, 8, 59},
  {"E07000196", "South Staffordshire", WM, "WV", 385, 305, 10, 47},
  {"E07000197", "Stafford", WM, "ST", 392, 323, 11, 62},
  {"E07000198", "Staffordshire Moorlands", WM, "ST", 400, 355, 11, 46},
  {"E07000199", "Tamworth", WM, "B", 421, 304, 3, 34},
  {"E07000200", "Babergh", EE, "CO", 595, 242, 11, 42},
  {"E07000202", "Ipswich", EE, "IP", 616, 244, 4, 63},
  {"E07000203", "Mid Suffolk", EE, "IP", 605, 260, 14, 47},
  {"E07000244", "East Suffolk", EE, "IP", 635, 262, 18, 116},
  {"E07000245", "West Suffolk", EE, "IP", 580, 262, 17, 80},
  {"E07000207", "Elmbridge", SE, "KT", 512, 163, 6, 55},
  {"E07000208", "Epsom and Ewell", SE, "KT", 521, 161, 3, 31},
  {"E07000209", "Guildford", SE, "GU", 499, 150, 9, 58},
  {"E07000210", "Mole Valley", SE, "RH", 517, 150, 9, 38},
  {"E07000211", "Reigate and Banstead", SE, "RH", 526, 152, 7, 63},
  {"E07000212", "Runnymede", SE, "KT", 500, 166, 5, 37},
  {"E07000213", "Spelthorne", SE, "TW", 507, 171, 4, 42},
  {"E07000214", "Surrey Heath", SE, "GU", 490, 160, 6, 37},
  {"E07000215", "Tandridge", SE, "RH", 537, 152, 9, 37},
  {"E07000216", "Waverley", SE, "GU", 495, 140, 11, 53},
  {"E07000217", "Woking", SE, "GU", 500, 158, 4, 43},
  {"E07000218", "North Warwickshire", WM, "CV", 428, 295, 9, 28},
  {"E07000219", "Nuneaton and Bedworth", WM, "CV", 436, 290, 5, 57},
  {"E07000220", "Rugby", WM, "CV", 450, 275, 9, 47},
  {"E07000221", "Stratford-on-Avon", WM, "CV", 420, 255, 18, 60},
  {"E07000222", "Warwick", WM, "CV", 430, 266, 8, 64},
  {"E07000223", "Adur", SE, "BN", 520, 106, 3, 29},
  {"E07000224", "Arun", SE, "BN", 500, 104, 8, 75},
  {"E07000225", "Chichester", SE, "PO", 487, 112, 14, 57},
  {"E07000226", "Crawley", SE, "RH", 527, 137, 4, 46},
  {"E07000227", "Horsham", SE, "RH", 517, 128, 12, 65},
  {"E07000228", "Mid Sussex", SE, "RH", 530, 125, 10, 66},
  {"E07000229", "Worthing", SE, "BN", 513, 104, 3, 52},
  {"E07000234", "Bromsgrove", WM, "B", 396, 270, 7, 42},
  {"E07000235", "Malvern Hills", WM, "WR", 378, 248, 12, 35},
  {"E07000236", "Redditch", WM, "B", 404, 266, 4, 37},
  {"E07000237", "Worcester", WM, "WR", 385, 255, 4, 46},
  {"E07000238", "Wychavon", WM, "WR", 395, 250, 13, 58},
  {"E07000239", "Wyre Forest", WM, "DY", 382, 276, 7, 46},
  // Wales
  {"W06000001", "Isle of Anglesey", WA, "LL", 245, 378, 13, 33},
  {"W06000002", "Gwynedd", WA, "LL", 270, 340, 30, 57},
  {"W06000003", "Conwy", WA, "LL", 280, 365, 15, 55},
  {"W06000004", "Denbighshire", WA, "LL", 305, 360, 14, 44},
  {"W06000005", "Flintshire", WA, "CH", 323, 370, 10, 69},
  {"W06000006", "Wrexham", WA, "LL", 333, 350, 10, 62},
  {"W06000008", "Ceredigion", WA, "SY", 260, 265, 22, 34},
  {"W06000009", "Pembrokeshire", WA, "SA", 200, 220, 20, 60},
  {"W06000010", "Carmarthenshire", WA, "SA", 245, 220, 25, 85},
  {"W06000011", "Swansea", WA, "SA", 265, 195, 9, 110},
  {"W06000012", "Neath Port Talbot", WA, "SA", 278, 200, 11, 65},
  {"W06000013", "Bridgend", WA, "CF", 290, 182, 8, 65},
  {"W06000014", "Vale of Glamorgan", WA, "CF", 305, 172, 9, 56},
  {"W06000015", "Cardiff", WA, "CF", 318, 178, 6, 155},
  {"W06000016", "Rhondda Cynon Taf", WA, "CF", 300, 195, 11, 108},
  {"W06000018", "Caerphilly", WA, "NP", 315, 195, 9, 80},
  {"W06000019", "Blaenau Gwent", WA, "NP", 318, 210, 5, 33},
  {"W06000020", "Torfaen", WA, "NP", 328, 200, 5, 41},
  {"W06000021", "Monmouthshire", WA, "NP", 345, 205, 13, 42},
  {"W06000022", "Newport", WA, "NP", 331, 188, 6, 68},
  {"W06000023", "Powys", WA, "LD", 305, 265, 35, 63},
  {"W06000024", "Merthyr Tydfil", WA, "CF", 305, 205, 5, 27},
};
// clang-format on

std::string upper(const char* s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Names of posttowns outlive their strings: keep them in a table that never moves.
std::vector<std::string>& posttown_store() {
  static std::vector<std::string> store;
  return store;
}

std::vector<Place> build_london() {
  std::vector<Place> v;
  for (const Borough& b : kBoroughs) {
    v.push_back(Place{b.code, b.name, "London", b.districts, b.posttown, b.e_km, b.n_km, b.r_km,
                      b.share_pct, true});
  }
  return v;
}

std::vector<Place> build_england_wales() {
  auto& store = posttown_store();
  store.reserve(sizeof(kAuthorities) / sizeof(kAuthorities[0]));
  for (const Authority& a : kAuthorities) {
    std::string town = upper(a.name);
    auto comma = town.find(',');
    if (comma != std::string::npos) town.resize(comma);
    store.push_back(town);
  }
  std::vector<Place> v;
  // England first in code order (E06, E07, E08, E09), then Wales.
  std::size_t i = 0;
  for (const Authority& a : kAuthorities) {
    v.push_back(Place{a.code, a.name, a.region, a.area, store[i].c_str(), a.e_km, a.n_km, a.r_km,
                      a.dwellings_k, false});
    ++i;
  }
  for (const Borough& b : kBoroughs) {
    v.push_back(Place{b.code, b.name, "London", b.districts, b.posttown, b.e_km, b.n_km, b.r_km,
                      b.dwellings_k, true});
  }
  std::stable_sort(v.begin(), v.end(), [](const Place& x, const Place& y) {
    return std::string(x.code) < std::string(y.code);
  });
  return v;
}

}  // namespace

const std::vector<Place>& london_places() {
  static const std::vector<Place> places = build_london();
  return places;
}

const std::vector<Place>& england_wales_places() {
  static const std::vector<Place> places = build_england_wales();
  return places;
}

std::string folder_name(const Place& place) {
  std::string out = "domestic-";
  out += place.code;
  out += '-';
  for (const char* p = place.name; *p; ++p) {
    char c = *p;
    if (c == ' ') {
      out += '-';
    } else if (c == ',' || c == '.' || c == '\'') {
      continue;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace heatstreet::synth::detail
