#include "heatstreet/parallel/comm_reducer.hpp"

#include <cstring>
#include <set>

#include "heatstreet/parallel/distributed_quantile.hpp"
#include "heatstreet/parallel/key_owner.hpp"
#include "heatstreet/parallel/wire.hpp"

namespace heatstreet {

std::vector<std::int64_t> CommReducer::sum(const std::vector<std::int64_t>& local) const {
  return comm_.sum(local);
}

std::vector<ExactSum> CommReducer::sum(const std::vector<ExactSum>& local) const {
  std::vector<std::int64_t> words(local.size() * ExactSum::kWords);
  for (std::size_t k = 0; k < local.size(); ++k)
    local[k].to_words(words.data() + k * ExactSum::kWords);
  std::vector<ExactSum> total(local.size());
  for (const std::vector<std::int64_t>& w : comm_.allgather(words))
    for (std::size_t k = 0; k < total.size(); ++k)
      total[k] += ExactSum::from_words(w.data() + k * ExactSum::kWords);
  return total;
}

std::vector<double> CommReducer::quantiles(const std::vector<std::vector<double>>& groups,
                                           const std::vector<QuantileRequest>& requests) const {
  DistributedSelection sel(groups, comm_);
  std::vector<std::size_t> handles;
  for (const QuantileRequest& r : requests)
    handles.push_back(r.median ? sel.median(r.group) : sel.quantile(r.group, r.q));
  sel.resolve();
  std::vector<double> out;
  for (std::size_t h : handles) out.push_back(sel.value(h));
  return out;
}

std::vector<std::string> CommReducer::union_keys(const std::vector<std::string>& local) const {
  std::vector<std::string> all;
  for (const std::string& part : comm_.allgather(wire::pack_strings(local)))
    wire::unpack_strings(part, all);
  std::set<std::string> s(all.begin(), all.end());
  return {s.begin(), s.end()};
}

std::int64_t CommReducer::distinct_count(const std::vector<std::string>& local) const {
  return census_texts(std::vector<std::string_view>(local.begin(), local.end()), comm_).distinct;
}

Table CommReducer::gather_rows(const Table& local) const {
  std::vector<std::size_t> rows(local.num_rows());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  std::vector<char> packed;
  pack_rows(local, rows, packed);
  Table all = local.empty_like();
  for (const std::string& part : comm_.allgather(std::string(packed.begin(), packed.end())))
    unpack_rows(part.data(), part.size(), all);
  return all;
}

}  // namespace heatstreet
