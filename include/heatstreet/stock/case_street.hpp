#pragma once
// The case street (data validation spec §8.1 item 4): the dwellings whose address names
// the street, in register order, and the street's means against the whole stock.
// Collective: the same reducer calls on every rank.
#include <string>

#include "heatstreet/core/table.hpp"
#include "heatstreet/parallel/reducer.hpp"
#include "heatstreet/stock/table_builders.hpp"

namespace heatstreet::stock {

struct CaseStreet {
  Table extract;  // case_street: the reported columns of the street's dwellings
  Table summary;  // case_street_summary: street and stock means of four variables
};

// `street` is output.case_street; an empty street matches no address.
CaseStreet case_street(const StockInputs& in, const std::string& street, const Reducer& r);

}  // namespace heatstreet::stock
