#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace lafita::kiosk {

// What screen power needs of a CEC adapter: ioctl() on it (linux/cec.h), returning 0 or
// -1 with errno set. The seam the tests replace.
class CecDevice {
 public:
  virtual ~CecDevice() = default;
  virtual int ioctl(unsigned long request, void* argument) = 0;
};

// The kernel's CEC adapter at `path` (/dev/cec0 on a Raspberry Pi under KMS: vc4's HDMI),
// opened now in blocking mode; null with `why` set when it cannot be.
std::unique_ptr<CecDevice> open_cec_device(const std::string& path, std::string& why);

// Switches a TV on and off over HDMI-CEC, the way that works under the KMS driver of
// Raspberry Pi OS bookworm (vcgencmd display_power does nothing there). On: Image View On
// to the TV, Active Source with our physical address (the TV switches to our input); off:
// Standby to the TV. Each is checked by asking the TV for its power status, and sent again
// (at most `tries` times) while the TV does not report the state asked for: CEC is flaky
// on real TVs, and a TV that misses one message stays dark for a day. The adapter is given
// a logical address (a playback device named "Lafita") if it has none; with none to be had
// (a TV in standby may drop HDMI's hot-plug line) the message goes out unregistered.
// Blocks for a few seconds at most (about 3 s a try with a TV that does not answer).
// Main thread.
class CecPower {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  explicit CecPower(std::unique_ptr<CecDevice> device, int tries = 3, Sleep sleep = {});

  struct Outcome {
    bool done;            // the TV took the message (and says it is in that state, when it can)
    std::string message;  // for the log
  };
  Outcome power(bool on);

 private:
  bool claim(std::string& why);
  bool transmit(unsigned char* message, int length, unsigned char reply, unsigned char* answer, std::string& why);
  std::string state_of_tv(std::string& why);

  std::unique_ptr<CecDevice> device_;
  int tries_;
  Sleep sleep_;
  unsigned char logical_ = 0xf;  // ours, once claimed
};

}  // namespace lafita::kiosk
