// Provided: the sample value of the speed test.
#include "sample.hpp"

#include <string>

namespace ipclab::pickle {
namespace {

std::shared_ptr<Object> make_object(std::string name,
                                    std::vector<std::pair<std::string, Value>> fields) {
  auto object = std::make_shared<Object>();
  object->class_name = std::move(name);
  object->fields = std::move(fields);
  return object;
}

std::shared_ptr<List> make_list(std::vector<Value> items) {
  auto list = std::make_shared<List>();
  list->items = std::move(items);
  return list;
}

std::shared_ptr<Tuple> make_tuple(std::vector<Value> items) {
  auto tuple = std::make_shared<Tuple>();
  tuple->items = std::move(items);
  return tuple;
}

Value job(std::size_t i, std::uint32_t seed, const std::vector<Value>& owners,
          const Value& shared_config) {
  auto n = static_cast<std::int64_t>(i);
  auto settings = std::make_shared<Dict>();
  settings->set(std::string("retries"), static_cast<std::int64_t>(i % 5));
  settings->set(std::string("timeout"), 0.5 + static_cast<double>(i % 7));
  settings->set(std::string("defaults"), shared_config);
  return make_object(
      "Job", {{"id", n},
              {"name", "job-" + std::to_string(i) + "-" + std::to_string(seed)},
              {"payload", ipclab::pattern(24 + i % 40, seed + static_cast<std::uint32_t>(i))},
              {"weight", static_cast<double>(i) * 0.125},
              {"deps", make_tuple({n - 1, n - 2})},
              {"tags", make_list({std::string("io"), std::string(i % 2 ? "cpu" : "net"), None{}})},
              {"done", i % 3 == 0},
              {"owner", owners[i % owners.size()]},
              {"settings", settings},
              {"due", DateTime{2024, static_cast<int>(1 + i % 12), static_cast<int>(1 + i % 28),
                               static_cast<int>(i % 24), 30, 0, static_cast<int>(i % 1000)}}});
}

}  // namespace

Value sample_value(std::size_t size, std::uint32_t seed) {
  std::vector<Value> owners;
  for (int k = 0; k < 8; ++k) {
    owners.push_back(make_object("Worker", {{"name", "worker-" + std::to_string(k)},
                                            {"pid", static_cast<std::int64_t>(1000 + k)}}));
  }
  auto shared_config = std::make_shared<Dict>();
  shared_config->set(std::string("queue"), std::string("default"));
  shared_config->set(std::string("limits"), make_tuple({std::int64_t{64}, 1.5e6, None{}}));
  std::vector<Value> jobs;
  for (std::size_t i = 0; i < size; ++i)
    jobs.push_back(job(i, seed, owners, shared_config));
  auto tags = std::make_shared<Set>();
  for (std::size_t i = 0; i < 50; ++i)
    tags->add("tag-" + std::to_string(i));
  auto top = std::make_shared<Dict>();
  top->set(std::string("jobs"), make_list(std::move(jobs)));
  top->set(std::string("owners"), make_list(owners));
  top->set(std::string("created"), DateTime{2024, 5, 1, 12, 0, 0, 0});
  top->set(std::string("tags"), tags);
  top->set(std::string("big"), std::int64_t{1} << 40);
  return top;
}

}  // namespace ipclab::pickle
