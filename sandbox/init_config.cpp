// MessagePack encoding of InitConfig (binary-safe, unlike JSON text, for decoy file contents).
#include "sandbox/init_config.h"

#include <nlohmann/json.hpp>

namespace assay::sandbox {

namespace {

using nlohmann::json;

json files_to_json(const std::vector<HomeFile>& files) {
  json out = json::array();
  for (const auto& f : files)
    out.push_back({{"path", f.relative_path}, {"content", json::binary({f.content.begin(), f.content.end()})},
                   {"mode", f.mode}});
  return out;
}

std::vector<HomeFile> files_from_json(const json& j) {
  std::vector<HomeFile> files;
  for (const auto& f : j) {
    const auto& bytes = f.at("content").get_binary();
    files.push_back({f.at("path").get<std::string>(), std::string(bytes.begin(), bytes.end()), f.at("mode").get<int>()});
  }
  return files;
}

json mounts_to_json(const MountPlan& m) {
  return {{"home", m.home},
          {"home_files", files_to_json(m.home_files)},
          {"work_files", files_to_json(m.work_files)},
          {"hidden", m.hidden},
          {"server_dir", m.server_dir},
          {"server_dir_writable", m.server_dir_writable},
          {"work_dir", m.work_dir},
          {"work_dir_from_host", m.work_dir_from_host},
          {"tmpfs_bytes", m.tmpfs_bytes},
          {"resolv_conf", m.resolv_conf},
          {"hosts", m.hosts}};
}

MountPlan mounts_from_json(const json& j) {
  MountPlan m;
  m.home = j.at("home").get<std::string>();
  m.home_files = files_from_json(j.at("home_files"));
  m.work_files = files_from_json(j.at("work_files"));
  m.hidden = j.at("hidden").get<std::vector<std::string>>();
  m.server_dir = j.at("server_dir").get<std::string>();
  m.server_dir_writable = j.at("server_dir_writable").get<bool>();
  m.work_dir = j.at("work_dir").get<std::string>();
  m.work_dir_from_host = j.at("work_dir_from_host").get<bool>();
  m.tmpfs_bytes = j.at("tmpfs_bytes").get<long long>();
  m.resolv_conf = j.at("resolv_conf").get<std::string>();
  m.hosts = j.at("hosts").get<std::string>();
  return m;
}

}  // namespace

std::string encode_init_config(const InitConfig& c) {
  json j = {{"argv", c.argv},         {"env", c.env},     {"mounts", mounts_to_json(c.mounts)},
            {"limits", c.limits},     {"fake_network", c.fake_network},
            {"tcp_ports", c.tcp_ports}, {"dns", c.dns},   {"record", c.record},
            {"hostname", c.hostname}, {"cwd", c.cwd}};
  auto bytes = json::to_msgpack(j);
  return std::string(bytes.begin(), bytes.end());
}

InitConfig decode_init_config(std::string_view bytes) {
  json j = json::from_msgpack(bytes.begin(), bytes.end());
  InitConfig c;
  c.argv = j.at("argv").get<std::vector<std::string>>();
  c.env = j.at("env").get<std::vector<std::string>>();
  c.mounts = mounts_from_json(j.at("mounts"));
  c.limits = j.at("limits").get<Limits>();
  c.fake_network = j.at("fake_network").get<bool>();
  c.tcp_ports = j.at("tcp_ports").get<std::vector<int>>();
  c.dns = j.at("dns").get<bool>();
  c.record = j.at("record").get<bool>();
  c.hostname = j.at("hostname").get<std::string>();
  c.cwd = j.at("cwd").get<std::string>();
  return c;
}

}  // namespace assay::sandbox
