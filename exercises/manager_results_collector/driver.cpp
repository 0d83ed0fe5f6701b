// Provided: the driver. It exposes every operation of manager.hpp as a
// command, so the tests can ask this process to start a manager, call a proxy,
// or run the whole collector. Run it by hand to experiment:
//
//   $ ./manager_results_collector_driver
//   manager_start m             start a manager server; its address comes back
//   dict d ADDRESS              a dict proxy named d for that server
//   dict_set d apple i:5        -> ok
//   dict_add d apple 2          -> ok 7
//   help                        list every command
#include <signal.h>

#include <cstring>
#include <map>
#include <string>

#include "driver_tools.hpp"
#include "ipclab/driver_loop.hpp"
#include "manager.hpp"

namespace {

using ipclab::DriverError;
using ipclab::DriverLoop;
using ipclab::Reply;
using ipclab::Request;
using namespace ipclab::manager;

std::map<std::string, Manager> managers;
std::map<std::string, DictProxy> dicts;
std::map<std::string, ListProxy> lists;

template <class T>
T& named(std::map<std::string, T>& table, const std::string& name, const char* what) {
  auto it = table.find(name);
  if (it == table.end())
    throw DriverError("Usage", std::string("no ") + what + " named '" + name + "'");
  return it->second;
}

DictProxy& dict_of(const Request& r) {
  return named(dicts, r.word(0), "dict proxy");
}
ListProxy& list_of(const Request& r, std::size_t index = 0) {
  return named(lists, r.word(index), "list proxy");
}

Value value_arg(const Request& request, std::size_t index) {
  try {
    return decode_value(request.word(index));
  } catch (const std::invalid_argument& e) {
    throw DriverError("Usage", std::string(e.what()) + " (values: i:42 s:6869 l:1,2,3)");
  }
}

Reply dict_reply(const Dict& dict) {
  Reply reply{std::to_string(dict.size())};
  for (const auto& [key, value] : dict) {
    reply.push_back(key);
    reply.push_back(tools::show(value));
  }
  return reply;
}

Reply list_reply(const List& list) {
  Reply reply{std::to_string(list.size())};
  for (const Value& value : list)
    reply.push_back(tools::show(value));
  return reply;
}

void register_server_commands(DriverLoop& loop) {
  loop.on("spawn_server", "spawn_server ADDRESS  -> PID (serve() in a child process)",
          [](const Request& r) { return tools::spawn_server(r.word(0)); });
  loop.on("server_ready", "server_ready PID TIMEOUT_MS  -> 1 | 0", [](const Request& r) {
    return tools::server_ready(static_cast<pid_t>(r.integer(0)), r.integer(1));
  });
  loop.on("server_wait", "server_wait PID TIMEOUT_MS  -> exited CODE | killed SIGNAL | running",
          [](const Request& r) {
            return tools::server_wait(static_cast<pid_t>(r.integer(0)), r.integer(1));
          });
  loop.on("manager_start", "manager_start NAME [ADDRESS]  -> PID ADDRESS", [](const Request& r) {
    Manager manager(r.has(1) ? r.word(1) : "");
    manager.start();
    Reply reply{std::to_string(manager.server_pid()), manager.address()};
    managers.insert_or_assign(r.word(0), std::move(manager));
    return reply;
  });
  loop.on("manager_shutdown", "manager_shutdown NAME", [](const Request& r) {
    named(managers, r.word(0), "manager").shutdown();
    return Reply{};
  });
  loop.on("manager_forget", "manager_forget NAME  (destroy the Manager object)",
          [](const Request& r) {
            managers.erase(r.word(0));
            return Reply{};
          });
}

void register_dict_commands(DriverLoop& loop) {
  loop.on("dict", "dict NAME ADDRESS  (a DictProxy)", [](const Request& r) {
    dicts.insert_or_assign(r.word(0), DictProxy(r.word(1)));
    return Reply{};
  });
  loop.on("dict_get", "dict_get NAME KEY",
          [](const Request& r) { return Reply{tools::show(dict_of(r).get(r.word(1)))}; });
  loop.on("dict_set", "dict_set NAME KEY VALUE", [](const Request& r) {
    dict_of(r).set(r.word(1), value_arg(r, 2));
    return Reply{};
  });
  loop.on("dict_add", "dict_add NAME KEY DELTA", [](const Request& r) {
    return Reply{std::to_string(dict_of(r).add(r.word(1), r.integer(2)))};
  });
  loop.on("dict_contains", "dict_contains NAME KEY",
          [](const Request& r) { return Reply{dict_of(r).contains(r.word(1)) ? "1" : "0"}; });
  loop.on("dict_size", "dict_size NAME",
          [](const Request& r) { return Reply{std::to_string(dict_of(r).size())}; });
  loop.on("dict_copy", "dict_copy NAME  -> COUNT KEY VALUE ...",
          [](const Request& r) { return dict_reply(dict_of(r).copy()); });
}

void register_list_commands(DriverLoop& loop) {
  loop.on("list", "list NAME ADDRESS  (a ListProxy)", [](const Request& r) {
    lists.insert_or_assign(r.word(0), ListProxy(r.word(1)));
    return Reply{};
  });
  loop.on("list_append", "list_append NAME VALUE", [](const Request& r) {
    list_of(r).append(value_arg(r, 1));
    return Reply{};
  });
  loop.on("list_get", "list_get NAME INDEX",
          [](const Request& r) { return Reply{tools::show(list_of(r).get(r.integer(1)))}; });
  loop.on("list_set", "list_set NAME INDEX VALUE", [](const Request& r) {
    list_of(r).set(r.integer(1), value_arg(r, 2));
    return Reply{};
  });
  loop.on("list_size", "list_size NAME",
          [](const Request& r) { return Reply{std::to_string(list_of(r).size())}; });
  loop.on("list_copy", "list_copy NAME  -> COUNT VALUE ...",
          [](const Request& r) { return list_reply(list_of(r).copy()); });
  loop.on("close", "close NAME  (close the connection of a dict or list proxy)",
          [](const Request& r) {
            if (dicts.count(r.word(0)) != 0) dicts.at(r.word(0)).client().close();
            if (lists.count(r.word(0)) != 0) lists.at(r.word(0)).client().close();
            return Reply{};
          });
}

void register_work_commands(DriverLoop& loop) {
  loop.on("hammer", "hammer DICT LIST ID ROUNDS SIZE  (a busy client)", [](const Request& r) {
    tools::hammer(dict_of(r), list_of(r, 1), r.integer(2), r.integer(3),
                  static_cast<std::size_t>(r.integer(4)));
    return Reply{};
  });
  loop.on("tally", "tally DICT REPEAT WORD...  (tally(dict, the words REPEAT times))",
          [](const Request& r) {
            std::vector<std::string> words;
            for (std::int64_t round = 0; round < r.integer(1); ++round) {
              for (std::size_t i = 2; r.has(i); ++i)
                words.push_back(r.word(i));
            }
            tally(dict_of(r), words);
            return Reply{};
          });
  loop.on("collect", "collect WORKERS TASKS  -> COUNT KEY VALUE ... COUNT VALUE ...",
          [](const Request& r) {
            Collected collected =
                run_collector(static_cast<int>(r.integer(0)), static_cast<int>(r.integer(1)));
            Reply reply = dict_reply(collected.results);
            for (std::string& word : list_reply(collected.finished))
              reply.push_back(std::move(word));
            return reply;
          });
  loop.on("fork_check", "fork_check DICT CHILDREN ROUNDS  (a proxy used across fork())",
          [](const Request& r) {
            return tools::fork_check(dict_of(r), static_cast<int>(r.integer(1)),
                                     static_cast<int>(r.integer(2)));
          });
}

}  // namespace

int main() {
  ::signal(SIGPIPE, SIG_IGN);  // a closed peer must show up as an error, not kill us
  DriverLoop loop("manager_results_collector");
  loop.name_error<KeyError>("KeyError");
  loop.name_error<IndexError>("IndexError");
  loop.name_error<TypeError>("TypeError");
  loop.name_error<RemoteError>("RemoteError");
  loop.name_error<ServerGone>("ServerGone");
  register_server_commands(loop);
  register_dict_commands(loop);
  register_list_commands(loop);
  register_work_commands(loop);
  int code = loop.run();
  tools::stop_spawned_servers();
  return code;
}
