// attune serve: the web interface and the JSON API.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include "api/site.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/demo_sign_ins.h"
#include "http/dispatcher.h"
#include "http/server.h"
#include "http/static_files.h"
#include "services/family_service.h"
#include "services/insight_service.h"
#include "services/mail_sender.h"
#include "services/oidc_service.h"
#include "services/outbox_service.h"
#include "storage/databases.h"
#include "web/site.h"

namespace attune::cli {
namespace {

struct ServeFlags {
  CommonFlags common;
  int port = 0;
  std::string host;
  int threads = 0;
  bool demo = false;
  CLI::Option* port_option = nullptr;
  CLI::Option* host_option = nullptr;
  CLI::Option* threads_option = nullptr;
  // Text options that have a flag of the same name (--smtp-host for
  // smtp_host), applied over file and environment when given.
  struct TextFlag {
    const char* flag;
    const char* help;
    std::string Config::*field;
    std::string value;
    CLI::Option* option = nullptr;
  };
  std::vector<TextFlag> text = {
      {"--smtp-host",
       "SMTP server for email (default: none: email waits in the outbox)",
       &Config::smtp_host,
       {},
       nullptr},
      {"--smtp-tls", "none, starttls or tls (default: starttls)", &Config::smtp_tls, {}, nullptr},
      {"--smtp-ca-file",
       "PEM certificates that may vouch for the SMTP server (default: the system's)",
       &Config::smtp_ca_file,
       {},
       nullptr},
      {"--smtp-user",
       "SMTP sign-in name (default: none); the password only in the "
       "configuration file or ATTUNE_SMTP_PASSWORD",
       &Config::smtp_user,
       {},
       nullptr},
      {"--smtp-from",
       "From address of every email (default: attune@localhost)",
       &Config::smtp_from,
       {},
       nullptr},
      {"--smtp-retry",
       "Seconds between attempts (default: 60,300,1800,7200,21600)",
       &Config::smtp_retry,
       {},
       nullptr},
      {"--base-url",
       "The site's address for links in email (default: http://HOST:PORT)",
       &Config::base_url,
       {},
       nullptr},
  };
  int smtp_port = 0;
  CLI::Option* smtp_port_option = nullptr;
};

int Serve(ServeFlags& flags) {
  auto started = std::chrono::steady_clock::now();
  // SIGINT/SIGTERM stop the server cleanly: blocked before any thread starts
  // (the store's writer and the server's workers are threads), and waited for by one thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto resolved = ResolveConfig(flags.common);
  if (!resolved.ok()) return Fail(resolved.status());
  Config config = *resolved;
  if (flags.port_option->count()) config.port = flags.port;
  if (flags.host_option->count()) config.host = flags.host;
  if (flags.threads_option->count()) config.threads = flags.threads;
  if (flags.smtp_port_option->count()) config.smtp_port = flags.smtp_port;
  for (const auto& t : flags.text) {
    if (t.option->count()) config.*t.field = t.value;
  }
  if (Status st = ValidateConfig(config); !st.ok()) return Fail(st);
  spdlog::set_level(spdlog::level::from_str(config.log_level));

  auto opened = OpenMigratedStore(config);
  if (!opened.ok()) return Fail(opened.status());
  Store& store = **opened;
  if (flags.demo) {
    if (Status st = EnsureDemo(store); !st.ok()) return Fail(st);
  }

  AuthService auth(store, std::chrono::hours(config.session_hours));
  SecondFactorService second_factor(store, std::chrono::hours(config.session_hours));
  StaffService staff(store);
  PupilService pupils(store);
  DayService days(store);
  PolicyService policies(store);
  SchoolClock clock(store);
  IncidentService incidents(store, policies, clock);
  InsightService insight(store, policies, clock);
  incidents.set_listener(&insight);
  insight.Start();
  ActionService actions(store);
  RestorativeService restorative(store);
  PlanService plans(store, policies, clock);
  SuspensionService suspensions(store, clock);
  NotificationService notifications(store);
  OutboxService outbox(store, MailSettingsFrom(config));
  MailSender sender(store, outbox.settings());
  outbox.set_waker([&sender] { sender.Wake(); });
  incidents.set_outbox(&outbox);
  FamilyService families(store, policies, &outbox);
  incidents.set_families(&families);
  sender.Start();
  // Families' weekly digest (decision 0026): looked for every five minutes,
  // sent from Friday 15:30 (London), at most once in six days per family.
  std::mutex digest_mu;
  std::condition_variable digest_cv;
  bool digest_stop = false;
  std::thread digests([&] {
    std::unique_lock<std::mutex> lock(digest_mu);
    while (!digest_cv.wait_for(lock, std::chrono::minutes(5), [&] { return digest_stop; })) {
      Timestamp now = Now();
      if (!FamilyService::IsDigestTime(now)) continue;
      auto sent = families.SendDigests(now);
      if (!sent.ok()) spdlog::warn("weekly digests: {}", sent.status().message());
    }
  });
  web::Renderer renderer;
  web::WebContext web_ctx{store,
                          auth,
                          second_factor,
                          staff,
                          pupils,
                          days,
                          policies,
                          incidents,
                          actions,
                          restorative,
                          plans,
                          suspensions,
                          notifications,
                          insight,
                          outbox,
                          families,
                          clock,
                          renderer,
                          config.secure_cookies,
                          std::chrono::hours(config.session_hours),
                          ATTUNE_VERSION};
  api::ApiContext api_ctx{store,   auth,        staff,       pupils, policies, incidents,
                          actions, restorative, suspensions, plans,  insight,  families};

  // Sign-in through the school's OpenID Connect providers (decision 0031).
  std::unique_ptr<OidcService> oidc;
  if (!config.oidc.empty()) {
    oidc = std::make_unique<OidcService>(store, auth, config.oidc, BaseUrl(config));
    web_ctx.oidc = oidc.get();
  }

  http::StaticFiles files;
  if (Status st = files.Load(config.static_dir); !st.ok()) return Fail(st);
  import::ImportService imports(store);
  web_ctx.imports = &imports;
  http::Router web_router = web::BuildRouter(&web_ctx);
  web_ctx.router = &web_router;
  GroupService groups(store, insight);
  web_ctx.groups = &groups;
  http::Router api_router = api::BuildRouter(&api_ctx);
  http::Dispatcher dispatcher;
  dispatcher.AddSite(web::BuildSite(web_ctx, web_router));
  dispatcher.AddSite(api::BuildSite(api_ctx, api_router));
  dispatcher.ServeStatic("/static/", &files);
  dispatcher.set_hsts(config.secure_cookies);

  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  options.io_threads = config.io_threads;
  options.max_connections = config.max_connections;
  options.keep_alive_max = config.keep_alive_max;
  options.keep_alive_timeout = config.keep_alive_timeout;
  options.proxy.trust = config.trust_proxy;
  options.proxy.hops = config.proxy_hops;
  http::Server server(options, dispatcher);

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {} received; stopping", sig);
    server.Stop();
  });
  watcher.detach();

  Status st = server.Listen([&] {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    std::cout << "attune " << ATTUNE_VERSION << " serving " << DescribeDatabase(config.db)
              << " at http://" << config.host << ":" << config.port << "/ (ready in "
              << static_cast<int>(ms) << " ms)" << std::endl;
    if (flags.demo) PrintDemoSignIns(store, std::cout);
  });
  {
    std::lock_guard<std::mutex> lock(digest_mu);
    digest_stop = true;
  }
  digest_cv.notify_all();
  digests.join();
  sender.Stop();
  if (!st.ok()) return Fail(st);
  return 0;
}

}  // namespace

Runner RegisterServe(CLI::App& app) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the web interface and the JSON API");
  AddCommonFlags(*cmd, flags->common);
  flags->port_option = cmd->add_option("--port", flags->port, "Port to listen on (default: 8080)");
  flags->host_option =
      cmd->add_option("--host", flags->host, "Address to listen on (default: 127.0.0.1)");
  flags->threads_option =
      cmd->add_option("--threads", flags->threads, "Worker threads (default: 64)");
  flags->smtp_port_option = cmd->add_option("--smtp-port", flags->smtp_port,
                                            "SMTP port (default: 587; 465 for tls, 25 for none)");
  for (auto& t : flags->text) t.option = cmd->add_option(t.flag, t.value, t.help);
  cmd->add_flag("--demo", flags->demo,
                "Create the demo school if the database has no school, and print its sign-ins");
  return [flags] { return Serve(*flags); };
}

}  // namespace attune::cli
