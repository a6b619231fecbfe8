#pragma once
// Every group and dataset of a results file with its type, units, description and code
// labels, as Markdown tables: the generated part of docs/output-format.md, so that the
// documentation of each output can be checked against a real file.
#include <iosfwd>
#include <string>

namespace heatstreet {

// Prints the schema of `path`. Scenario groups are shown once, as /scenarios/<name>,
// from the first scenario (every scenario has the same datasets). Throws InputError
// for a file that cannot be read.
void print_results_schema(const std::string& path, std::ostream& out);

}  // namespace heatstreet
