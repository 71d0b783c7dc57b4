// A gtest fixture that runs a SandboxServer on 127.0.0.1 port 0 and speaks
// to it over real HTTP with httplib::Client.
#ifndef SANDBOX_SANDBOX_TEST_FIXTURE_H_
#define SANDBOX_SANDBOX_TEST_FIXTURE_H_

#include <memory>
#include <string>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "gtest/gtest.h"
#include "sandbox/sandbox_server.h"

namespace kapso::sandbox {

inline constexpr char kSupport[] = "1000000000000001";
inline constexpr char kSales[] = "1000000000000002";
inline constexpr char kAlerts[] = "1000000000000003";

class SandboxTest : public ::testing::Test {
 protected:
  // Tests that need other options set them before calling StartSandbox().
  void SetUp() override {
    options_.threads = 16;
    StartSandbox();
  }

  void StartSandbox() {
    sandbox_.reset();
    auto started = SandboxServer::Start(options_);
    ASSERT_TRUE(started.ok()) << started.status();
    sandbox_ = *std::move(started);
    client_ = NewClient();
  }

  std::unique_ptr<httplib::Client> NewClient() const {
    auto client = std::make_unique<httplib::Client>(sandbox_->base_url());
    client->set_default_headers({{"X-API-Key", "sandbox-key"}});
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // else Nagle delays POST bodies 40 ms
    return client;
  }

  // GET under /platform/v1, expecting `status`; returns the parsed body.
  nlohmann::json GetJson(const std::string& path, int status = 200) {
    httplib::Result res = client_->Get(("/platform/v1" + path).c_str());
    return Expect(res, status, "GET " + path);
  }

  nlohmann::json SendJson(const std::string& method, const std::string& path,
                          const nlohmann::json& body, int status) {
    std::string url = "/platform/v1" + path;
    std::string text = body.is_null() ? "" : body.dump();
    httplib::Result res = method == "POST" ? client_->Post(url.c_str(), text, "application/json")
                          : method == "PATCH"
                              ? client_->Patch(url.c_str(), text, "application/json")
                              : client_->Delete(url.c_str(), text, "application/json");
    return Expect(res, status, method + " " + path);
  }

  static nlohmann::json Expect(const httplib::Result& res, int status, const std::string& what) {
    EXPECT_TRUE(res) << what << ": transport error";
    if (!res) return nullptr;
    EXPECT_EQ(res->status, status) << what << ": " << res->body;
    if (res->body.empty()) return nullptr;
    return nlohmann::json::parse(res->body, nullptr, false);
  }

  SandboxOptions options_;
  std::unique_ptr<SandboxServer> sandbox_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace kapso::sandbox

#endif  // SANDBOX_SANDBOX_TEST_FIXTURE_H_
