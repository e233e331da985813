#include "kiosk/appliance/cec_power.hpp"

#include <fcntl.h>
#include <linux/cec-funcs.h>
#include <linux/cec.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace lafita::kiosk {

namespace {

class LinuxCecDevice final : public CecDevice {
 public:
  explicit LinuxCecDevice(int fd) : fd_(fd) {}
  ~LinuxCecDevice() override { ::close(fd_); }
  int ioctl(unsigned long request, void* argument) override { return ::ioctl(fd_, request, argument); }

 private:
  int fd_;
};

const char* power_status_name(__u8 status) {
  switch (status) {
    case CEC_OP_POWER_STATUS_ON: return "on";
    case CEC_OP_POWER_STATUS_STANDBY: return "standby";
    case CEC_OP_POWER_STATUS_TO_ON: return "coming on";
    case CEC_OP_POWER_STATUS_TO_STANDBY: return "going to standby";
    default: return "unknown";
  }
}

}  // namespace

std::unique_ptr<CecDevice> open_cec_device(const std::string& path, std::string& why) {
  // Non-blocking to open (a FIFO or a stuck device never holds the main loop), then
  // blocking again for the exchanges, which the kernel bounds by its own timeouts.
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    why = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISCHR(status.st_mode) || ::fcntl(fd, F_SETFL, 0) != 0) {
    ::close(fd);
    why = path + " is not a CEC device (a character device like /dev/cec0)";
    return nullptr;
  }
  return std::make_unique<LinuxCecDevice>(fd);
}

CecPower::CecPower(std::unique_ptr<CecDevice> device, int tries, Sleep sleep)
    : device_(std::move(device)), tries_(tries), sleep_(sleep ? std::move(sleep) : Sleep([](std::chrono::milliseconds d) {
        std::this_thread::sleep_for(d);
      })) {}

// A logical address of our own: the adapter's if it has one, else a playback device's.
bool CecPower::claim(std::string& why) {
  cec_log_addrs addresses{};
  if (device_->ioctl(CEC_ADAP_G_LOG_ADDRS, &addresses) != 0) {
    why = std::string("CEC_ADAP_G_LOG_ADDRS: ") + std::strerror(errno);
    return false;
  }
  if (addresses.num_log_addrs == 0) {
    addresses = {};
    addresses.cec_version = CEC_OP_CEC_VERSION_1_4;
    addresses.vendor_id = CEC_VENDOR_ID_NONE;
    addresses.num_log_addrs = 1;
    addresses.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
    addresses.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
    addresses.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
    std::strncpy(addresses.osd_name, "Lafita", sizeof addresses.osd_name - 1);
    if (device_->ioctl(CEC_ADAP_S_LOG_ADDRS, &addresses) != 0) {
      why = std::string("CEC_ADAP_S_LOG_ADDRS: ") + std::strerror(errno);
      return false;
    }
  }
  // None: the TV in standby has dropped HDMI's hot-plug line, and with it our physical
  // address. Unregistered (15) may still send it Image View On and Standby.
  const bool claimed = addresses.num_log_addrs > 0 && addresses.log_addr[0] != CEC_LOG_ADDR_INVALID;
  logical_ = claimed ? addresses.log_addr[0] : CEC_LOG_ADDR_UNREGISTERED;
  return true;
}

// Sends `message` (its first byte is filled with the addresses); with `reply`, waits up to
// a second for that answer and copies its operand to `answer`.
bool CecPower::transmit(unsigned char* message, int length, unsigned char reply, unsigned char* answer,
                        std::string& why) {
  cec_msg msg{};
  std::memcpy(msg.msg, message, static_cast<size_t>(length));
  msg.len = static_cast<__u32>(length);
  msg.msg[0] = static_cast<__u8>((logical_ << 4) | (message[0] & 0xf));
  msg.reply = reply;
  msg.timeout = reply ? 1000 : 0;
  if (device_->ioctl(CEC_TRANSMIT, &msg) != 0) {
    why = std::string("CEC_TRANSMIT: ") + std::strerror(errno);
    return false;
  }
  if (!(msg.tx_status & CEC_TX_STATUS_OK)) {
    why = (msg.tx_status & CEC_TX_STATUS_NACK) ? "the TV did not acknowledge" : "the message was not sent";
    return false;
  }
  if (reply && (msg.rx_status & CEC_RX_STATUS_FEATURE_ABORT)) {
    why = "the TV does not report its power status";
    return false;
  }
  if (reply && !(msg.rx_status & CEC_RX_STATUS_OK)) {
    why = "the TV did not answer";
    return false;
  }
  if (answer) *answer = msg.msg[2];
  return true;
}

std::string CecPower::state_of_tv(std::string& why) {
  cec_msg question{};
  cec_msg_init(&question, 0, CEC_LOG_ADDR_TV);
  cec_msg_give_device_power_status(&question, 1);
  unsigned char status = 0xff;
  if (!transmit(question.msg, static_cast<int>(question.len), CEC_MSG_REPORT_POWER_STATUS, &status, why)) return {};
  return power_status_name(status);
}

CecPower::Outcome CecPower::power(bool on) {
  std::string why;
  if (!claim(why)) return {false, "CEC: " + why};
  const std::string wanted = on ? "on" : "standby";
  for (int attempt = 1; attempt <= tries_; ++attempt) {
    if (attempt > 1) sleep_(std::chrono::milliseconds(1000));
    cec_msg msg{};
    cec_msg_init(&msg, 0, CEC_LOG_ADDR_TV);
    if (on) {
      cec_msg_image_view_on(&msg);
    } else {
      cec_msg_standby(&msg);
    }
    if (!transmit(msg.msg, static_cast<int>(msg.len), 0, nullptr, why)) continue;
    if (on) {  // the TV shows our input
      __u16 physical = CEC_PHYS_ADDR_INVALID;
      if (device_->ioctl(CEC_ADAP_G_PHYS_ADDR, &physical) == 0 && physical != CEC_PHYS_ADDR_INVALID) {
        cec_msg active{};
        cec_msg_init(&active, 0, CEC_LOG_ADDR_BROADCAST);
        cec_msg_active_source(&active, physical);
        std::string ignored;
        transmit(active.msg, static_cast<int>(active.len), 0, nullptr, ignored);
      }
    }
    // Unregistered, no answer can come back; a TV that does not say its state has taken
    // the message all the same (it acknowledged it).
    if (logical_ == CEC_LOG_ADDR_UNREGISTERED) {
      return {true, std::string("CEC: ") + (on ? "Image View On" : "Standby") +
                        " sent unregistered (no address while the TV is in standby); the TV acknowledged it"};
    }
    const std::string state = state_of_tv(why);
    if (state.empty() && why == "the TV does not report its power status") {
      return {true, std::string("CEC: ") + (on ? "Image View On" : "Standby") + " acknowledged; " + why};
    }
    const bool reached = state == wanted || (on && state == "coming on") || (!on && state == "going to standby");
    if (reached) {
      return {true, "CEC: the TV reports " + state + " (try " + std::to_string(attempt) + " of " + std::to_string(tries_) + ")"};
    }
    if (!state.empty()) why = "the TV reports " + state;
  }
  return {false, "CEC: " + std::string(on ? "Image View On" : "Standby") + " failed after " + std::to_string(tries_) +
                    " tries: " + why};
}

}  // namespace lafita::kiosk
