#include "sandbox/host_probe.hpp"

#include <map>
#include <sstream>

#include <gtest/gtest.h>

#include "in_language.hpp"
#include "model/grader_error.hpp"
#include "sandbox/doctor.hpp"

namespace grader {
namespace {

/// A machine described by its answers.
class FakeHostProbe : public HostProbe {
 public:
  bool root = false;
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> programs;
  std::string bwrap_says;  ///< "" : the trial run works
  CgroupSupport cgroup_support;
  mutable int bwrap_trials = 0;

  bool is_root() const override { return root; }
  std::optional<std::string> read_line(const std::filesystem::path& path) const override {
    auto it = files.find(path.string());
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::filesystem::path> find_program(const std::string& name) const override {
    auto it = programs.find(name);
    if (it == programs.end()) return std::nullopt;
    return std::filesystem::path(it->second);
  }
  std::string try_bwrap(const std::filesystem::path&, bool) const override {
    ++bwrap_trials;
    return bwrap_says;
  }
  CgroupSupport cgroups() const override { return cgroup_support; }
};

FakeHostProbe ubuntu_2404_student() {
  FakeHostProbe probe;
  probe.programs = {{"bwrap", "/usr/bin/bwrap"}, {"python3", "/usr/bin/python3"}};
  probe.files = {{"/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1"}};
  probe.bwrap_says = "bwrap: setting up uid map: Permission denied";
  return probe;
}

FakeHostProbe debian_root_server() {
  FakeHostProbe probe;
  probe.root = true;
  probe.programs = {{"bwrap", "/usr/bin/bwrap"}, {"gdb", "/usr/bin/gdb"}};
  probe.cgroup_support = {1, "/sys/fs/cgroup", true, true, ""};
  return probe;
}

TEST(HostProbeTest, BubblewrapThatReallyRunsIsChosenAsRoot) {
  FakeHostProbe probe = debian_root_server();
  HostFacts facts = probe_host(probe);
  EXPECT_EQ(probe.bwrap_trials, 1) << "the probe tries bwrap, it does not guess";
  SandboxChoice choice = choose_backend(facts, SandboxRequest::automatic);
  EXPECT_EQ(choice.backend, SandboxBackend::bubblewrap);
  EXPECT_TRUE(choice.use_cgroups);
  EXPECT_EQ(choice.reason,
            "bubblewrap works; the grader is root, so every test's drivers run as a uid of "
            "their own");
}

TEST(HostProbeTest, UbuntuAppArmorRestrictionFallsBackToAdvisoryAndSaysWhy) {
  HostFacts facts = probe_host(ubuntu_2404_student());
  SandboxChoice choice = choose_backend(facts, SandboxRequest::automatic);
  EXPECT_EQ(choice.backend, SandboxBackend::process);
  EXPECT_FALSE(choice.use_cgroups);
  EXPECT_EQ(choice.reason,
            "bubblewrap does not work here (bwrap: setting up uid map: Permission denied): "
            "AppArmor restricts unprivileged user namespaces "
            "(kernel.apparmor_restrict_unprivileged_userns=1, the Ubuntu 24.04 default): run "
            "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`");
}

TEST(HostProbeTest, MissingBubblewrapIsNotTriedAndNamesThePackage) {
  FakeHostProbe probe;
  HostFacts facts = probe_host(probe);
  EXPECT_EQ(probe.bwrap_trials, 0);
  EXPECT_EQ(choose_backend(facts, SandboxRequest::automatic).reason,
            "bubblewrap is not installed: run `sudo apt-get install bubblewrap`");
}

TEST(HostProbeTest, AskingForBubblewrapWhereItFailsIsAnErrorNotAFallback) {
  HostFacts facts = probe_host(ubuntu_2404_student());
  try {
    choose_backend(facts, SandboxRequest::bubblewrap);
    FAIL() << "expected a GraderError";
  } catch (const GraderError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("--sandbox bubblewrap: bubblewrap does not work here", 0),
              0u)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("see `grader doctor`"), std::string::npos);
  }
}

TEST(HostProbeTest, AskingForTheProcessBackendGetsItEvenWhereBubblewrapWorks) {
  HostFacts facts = probe_host(debian_root_server());
  SandboxChoice choice = choose_backend(facts, SandboxRequest::process);
  EXPECT_EQ(choice.backend, SandboxBackend::process);
  EXPECT_TRUE(choice.use_cgroups) << "cgroup limits still apply to the process backend";
}

TEST(HostProbeTest, RootNeedsNoUserNamespaceSoTheSysctlIsNotBlamed) {
  FakeHostProbe probe = ubuntu_2404_student();
  probe.root = true;
  EXPECT_EQ(probe_host(probe).userns_blocked, "");
}

TEST(HostProbeTest, OtherUserNamespaceSwitchesAreNamed) {
  FakeHostProbe probe;
  probe.files = {{"/proc/sys/kernel/unprivileged_userns_clone", "0"}};
  EXPECT_NE(probe_host(probe).userns_blocked.find("sysctl -w kernel.unprivileged_userns_clone=1"),
            std::string::npos);
  probe.files = {{"/proc/sys/user/max_user_namespaces", "0"}};
  EXPECT_NE(probe_host(probe).userns_blocked.find("user.max_user_namespaces=15000"),
            std::string::npos);
}

TEST(HostProbeTest, SandboxRequestsAreParsed) {
  EXPECT_EQ(parse_sandbox_request("auto"), SandboxRequest::automatic);
  EXPECT_EQ(parse_sandbox_request("bubblewrap"), SandboxRequest::bubblewrap);
  EXPECT_EQ(parse_sandbox_request("process"), SandboxRequest::process);
  EXPECT_THROW(parse_sandbox_request("docker"), std::invalid_argument);
}

TEST(DoctorTest, AdvisoryMachineGetsTheExactCommandsToEnableTheRest) {
  HostFacts facts = probe_host(ubuntu_2404_student());
  DoctorReport report = make_doctor_report(facts, "process (...) -- advisory");
  EXPECT_TRUE(report.advisory());
  ASSERT_GE(report.enable.size(), 3u);
  EXPECT_EQ(report.enable[0], "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
  EXPECT_NE(report.enable[1].find("/etc/sysctl.d/"), std::string::npos);
  std::ostringstream text;
  write_doctor_text(report, text);
  EXPECT_NE(text.str().find("user namespaces:  blocked: AppArmor restricts"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("batch and ci refuse it unless --allow-advisory"), std::string::npos);
  EXPECT_NE(text.str().find("sudo apt-get install gdb"), std::string::npos);
  EXPECT_NE(text.str().find("compiler cache:   ccache not installed"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("sudo apt-get install ccache"), std::string::npos);
}

TEST(DoctorTest, TheTextSpeaksTheChosenLanguageWithItsValuesInOneColumn) {
  HostFacts facts = probe_host(ubuntu_2404_student());
  std::string text = fixtures::in_spanish([&] {
    std::ostringstream out;  // the steps to enable the rest are words too: made in Spanish
    write_doctor_text(make_doctor_report(facts, "process (...) -- advisory"), out);
    return out.str();
  });
  // "caché de compilación:" is 21 characters (23 bytes): one space after it.
  EXPECT_NE(text.find("\ncaché de compilación: ccache no instalado "), std::string::npos) << text;
  EXPECT_NE(text.find("\ncgroups:          "), std::string::npos) << text;
  EXPECT_NE(text.find("# trazas de las pruebas colgadas"), std::string::npos) << text;
  EXPECT_NE(text.find("Para activar el resto:"), std::string::npos) << text;
  EXPECT_EQ(text.find("To enable"), std::string::npos) << text;
}

TEST(DoctorTest, JsonNamesBackendAndFacts) {
  HostFacts facts = probe_host(debian_root_server());
  std::ostringstream json;
  write_doctor_json(make_doctor_report(facts, "bubblewrap (...)"), json);
  const std::string text = json.str();
  for (const char* expected :
       {"\"schema\": \"ipclab.doctor/1\"", "\"backend\": \"bubblewrap\"", "\"advisory\": false",
        "\"works\": true", "\"version\": 1", "\"gdb\": \"/usr/bin/gdb\"", "\"python3\": null",
        "\"ccache\": null"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in " << text;
  }
}

}  // namespace
}  // namespace grader
