// Screen power over HDMI-CEC, through a fake adapter: the messages sent (linux/cec.h), the
// checks of the TV's power status, and the retries a flaky TV needs.
#include "kiosk/appliance/cec_power.hpp"

#include <doctest/doctest.h>

#include <linux/cec.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <vector>

namespace {

using lafita::kiosk::CecDevice;
using lafita::kiosk::CecPower;

// An adapter with a TV behind it: answers power-status questions from a script, records
// every message sent as its bytes.
struct FakeAdapter {
  bool configured = false;  // has a logical address already
  bool acknowledged = true;
  bool feature_abort = false;  // the TV does not support Give Device Power Status
  bool no_address = false;     // claiming gives CEC_LOG_ADDR_INVALID (no physical address)
  std::deque<__u8> power_answers;  // CEC_OP_POWER_STATUS_*, one per question
  std::vector<std::vector<__u8>> sent;
  int claims = 0;
};

class FakeDevice final : public CecDevice {
 public:
  explicit FakeDevice(FakeAdapter& adapter) : a_(adapter) {}
  int ioctl(unsigned long request, void* argument) override {
    if (request == CEC_ADAP_G_LOG_ADDRS) {
      auto* addresses = static_cast<cec_log_addrs*>(argument);
      *addresses = {};
      if (a_.configured || a_.no_address) {
        addresses->num_log_addrs = 1;
        addresses->log_addr[0] = a_.no_address ? CEC_LOG_ADDR_INVALID : 4;
      }
      return 0;
    }
    if (request == CEC_ADAP_S_LOG_ADDRS) {
      auto* addresses = static_cast<cec_log_addrs*>(argument);
      CHECK(addresses->log_addr_type[0] == CEC_LOG_ADDR_TYPE_PLAYBACK);
      CHECK(std::string(addresses->osd_name) == "Lafita");
      addresses->log_addr[0] = a_.no_address ? CEC_LOG_ADDR_INVALID : 4;  // the first playback address
      a_.configured = !a_.no_address;
      ++a_.claims;
      return 0;
    }
    if (request == CEC_ADAP_G_PHYS_ADDR) {
      *static_cast<__u16*>(argument) = 0x1000;  // HDMI input 1
      return 0;
    }
    if (request == CEC_TRANSMIT) {
      auto* msg = static_cast<cec_msg*>(argument);
      a_.sent.emplace_back(msg->msg, msg->msg + msg->len);
      msg->tx_status = a_.acknowledged ? CEC_TX_STATUS_OK : CEC_TX_STATUS_NACK;
      if (msg->reply && a_.acknowledged && a_.feature_abort) {
        msg->rx_status = CEC_RX_STATUS_OK | CEC_RX_STATUS_FEATURE_ABORT;
        msg->msg[1] = CEC_MSG_FEATURE_ABORT;
        msg->msg[2] = CEC_MSG_GIVE_DEVICE_POWER_STATUS;
      } else if (msg->reply == CEC_MSG_REPORT_POWER_STATUS && a_.acknowledged && !a_.power_answers.empty()) {
        msg->rx_status = CEC_RX_STATUS_OK;
        msg->msg[1] = CEC_MSG_REPORT_POWER_STATUS;
        msg->msg[2] = a_.power_answers.front();
        a_.power_answers.pop_front();
      } else if (msg->reply) {
        msg->rx_status = CEC_RX_STATUS_TIMEOUT;
      }
      return 0;
    }
    errno = ENOTTY;
    return -1;
  }

 private:
  FakeAdapter& a_;
};

std::vector<__u8> bytes(std::initializer_list<int> list) {
  std::vector<__u8> out;
  for (int b : list) out.push_back(static_cast<__u8>(b));
  return out;
}

}  // namespace

TEST_SUITE("cec") {
  TEST_CASE("CEC power on: Image View On, Active Source, then the TV's status; sent again while it stays in standby") {
    FakeAdapter adapter;
    adapter.power_answers = {CEC_OP_POWER_STATUS_STANDBY, CEC_OP_POWER_STATUS_ON};
    std::vector<std::chrono::milliseconds> slept;
    CecPower power(std::make_unique<FakeDevice>(adapter), 3, [&](std::chrono::milliseconds d) { slept.push_back(d); });
    const auto result = power.power(true);
    CHECK(result.done);
    CHECK(result.message == "CEC: the TV reports on (try 2 of 3)");
    CHECK(adapter.claims == 1);  // a playback device's logical address, 4
    const std::vector<std::vector<__u8>> once = {bytes({0x40, 0x04}), bytes({0x4f, 0x82, 0x10, 0x00}), bytes({0x40, 0x8f})};
    REQUIRE(adapter.sent.size() == 6);
    CHECK(std::vector(adapter.sent.begin(), adapter.sent.begin() + 3) == once);
    CHECK(std::vector(adapter.sent.begin() + 3, adapter.sent.end()) == once);
    CHECK(slept == std::vector{std::chrono::milliseconds(1000)});
  }

  TEST_CASE("CEC power off: Standby to the TV; an adapter with an address keeps it") {
    FakeAdapter adapter;
    adapter.configured = true;
    adapter.power_answers = {CEC_OP_POWER_STATUS_TO_STANDBY};
    CecPower power(std::make_unique<FakeDevice>(adapter), 3, [](std::chrono::milliseconds) {});
    CHECK(power.power(false).message == "CEC: the TV reports going to standby (try 1 of 3)");
    CHECK(adapter.claims == 0);
    CHECK(adapter.sent == std::vector{bytes({0x40, 0x36}), bytes({0x40, 0x8f})});
  }

  TEST_CASE("CEC with no TV answering: every try is made, and the log says why it failed") {
    FakeAdapter adapter;
    adapter.acknowledged = false;
    int sleeps = 0;
    CecPower power(std::make_unique<FakeDevice>(adapter), 3, [&](std::chrono::milliseconds) { ++sleeps; });
    const auto result = power.power(true);
    CHECK_FALSE(result.done);
    CHECK(result.message == "CEC: Image View On failed after 3 tries: the TV did not acknowledge");
    CHECK(adapter.sent.size() == 3);
    CHECK(sleeps == 2);
  }

  TEST_CASE("CEC with a TV that acknowledges but never reports its status") {
    FakeAdapter adapter;
    CecPower power(std::make_unique<FakeDevice>(adapter), 2, [](std::chrono::milliseconds) {});
    CHECK(power.power(false).message == "CEC: Standby failed after 2 tries: the TV did not answer");
  }

  TEST_CASE("CEC with a TV that answers Feature Abort to the status question: one try, done") {
    FakeAdapter adapter;
    adapter.feature_abort = true;
    CecPower power(std::make_unique<FakeDevice>(adapter), 3, [](std::chrono::milliseconds) {});
    const auto result = power.power(true);
    CHECK(result.done);
    CHECK(result.message == "CEC: Image View On acknowledged; the TV does not report its power status");
    CHECK(adapter.sent.size() == 3);  // Image View On, Active Source, the question: no second try
  }

  TEST_CASE("CEC with no address to be had (the TV in standby dropped hot-plug): Image View On goes out unregistered") {
    FakeAdapter adapter;
    adapter.no_address = true;
    CecPower power(std::make_unique<FakeDevice>(adapter), 3, [](std::chrono::milliseconds) {});
    const auto result = power.power(true);
    CHECK(result.done);
    CHECK(adapter.sent.front() == bytes({0xf0, 0x04}));  // from Unregistered (15) to the TV (0)
    CHECK(result.message.find("sent unregistered") != std::string::npos);
  }

  TEST_CASE("CEC without an adapter: a clear reason") {
    std::string why;
    CHECK(lafita::kiosk::open_cec_device("/nonexistent/cec0", why) == nullptr);
    CHECK(why == "cannot open /nonexistent/cec0: No such file or directory");
    // A FIFO or a plain file in its place: refused at once, never waited on.
    const std::string fifo = "/tmp/lafita-cec-test-fifo-" + std::to_string(::getpid());
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(lafita::kiosk::open_cec_device(fifo, why) == nullptr);
    CHECK(why == fifo + " is not a CEC device (a character device like /dev/cec0)");
    ::unlink(fifo.c_str());
  }
}
