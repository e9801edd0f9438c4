// Reading an uploaded export .zip through libzip (zip_reader.h).
#include "import/zip_reader.h"

#include <zip.h>

#include <cctype>
#include <memory>

namespace attune::import {
namespace {

std::string Megabytes(size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// Whether `path` climbs out of the archive or starts at a root.
bool UnsafePath(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return true;
  if (path.size() > 1 && path[1] == ':') return true;  // C:\...
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find_first_of("/\\", start);
    std::string_view part =
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (part == "..") return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

bool Skipped(std::string_view path) {
  if (path.empty() || path.back() == '/') return true;  // a folder
  if (path.rfind("__MACOSX/", 0) == 0) return true;
  size_t slash = path.find_last_of('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return name.empty() || name.front() == '.';
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

std::string CsvFileName(const std::string& name) {
  auto fold = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  std::string lower = fold(name);
  if (lower.size() < 4 || lower.substr(lower.size() - 4) != ".csv") return "";
  for (const char* known : {"manifest.csv", "orgs.csv", "academicSessions.csv", "courses.csv",
                            "classes.csv", "users.csv", "enrollments.csv", "demographics.csv"}) {
    if (lower == fold(known)) return known;
  }
  return name.substr(0, name.size() - 4) + ".csv";
}

Result<ExportFiles> ReadExportZip(std::string_view bytes, const ZipLimits& limits) {
  const Status not_zip = Status::Invalid(
      "The file is not a zip archive. Upload the OneRoster export as the .zip file the MIS "
      "made (or zip the folder of CSV files)");
  if (bytes.size() < 22) return not_zip;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) return not_zip;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open_from_source(source, ZIP_RDONLY, &error));
  if (!archive) {
    zip_source_free(source);
    zip_error_fini(&error);
    return not_zip;
  }
  zip_error_fini(&error);
  zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
  if (entries < 0) return not_zip;
  if (static_cast<size_t>(entries) > limits.max_entries) {
    return Status::Invalid("The zip archive holds " + std::to_string(entries) +
                           " files; an export has a few (attune reads at most " +
                           std::to_string(limits.max_entries) + ")");
  }
  ExportFiles files;
  std::string folder;  // the one folder the CSV files are in, if any
  bool folder_set = false;
  size_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    const char* raw = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS);
    std::string path = raw ? raw : "";
    if (UnsafePath(path)) {
      return Status::Invalid("The zip archive holds \"" + path +
                             "\", a path that leads outside the archive; nothing was read. "
                             "Make the zip again from the export's folder");
    }
    if (Skipped(path)) continue;
    size_t slash = path.find_last_of('/');
    std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    name = CsvFileName(name);
    if (name.empty()) continue;
    if (folder_set && dir != folder) {
      return Status::Invalid("The zip archive has CSV files in more than one folder (\"" + folder +
                             "\" and \"" + dir + "\"); put the export's files together");
    }
    folder = dir;
    folder_set = true;
    if (files.count(name)) return Status::Invalid("The zip archive holds " + name + " twice");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) == 0 &&
        (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) {
      return Status::Invalid(
          "The zip archive is protected by a password; export again without "
          "one");
    }
    std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) return Status::Invalid(name + " in the zip archive could not be read");
    std::string content;
    char buffer[65536];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) return Status::Invalid(name + " in the zip archive is damaged");
      if (n == 0) break;
      content.append(buffer, static_cast<size_t>(n));
      total += static_cast<size_t>(n);
      if (content.size() > limits.max_entry_bytes) {
        return Status::Invalid(name + " is larger than " + Megabytes(limits.max_entry_bytes) +
                               " unzipped, more than attune imports from one file");
      }
      if (total > limits.max_total_bytes) {
        return Status::Invalid("The export is larger than " + Megabytes(limits.max_total_bytes) +
                               " unzipped, more than attune imports at once");
      }
    }
    files[name] = std::move(content);
  }
  if (files.empty()) {
    return Status::Invalid(
        "The zip archive holds no CSV file; a OneRoster export holds "
        "manifest.csv, users.csv and the others");
  }
  return files;
}

}  // namespace attune::import
