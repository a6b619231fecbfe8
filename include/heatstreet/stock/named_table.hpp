#pragma once
// A small table of the stock characterisation with the name it is stored under.
#include <string>

#include "heatstreet/core/table.hpp"

namespace heatstreet::stock {

struct NamedTable {
  std::string name;
  Table table;
};

}  // namespace heatstreet::stock
