//! The rule table's own test table: for every rule, a true positive and a false positive,
//! built at run time from parts (no real-looking key is written in the repository).

use std::cell::Cell;
use std::path::Path;

use base64::Engine as _;

use super::*;
use crate::scan::Scanner;
use crate::scan::testutil::{kinds, token};

const AN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UP: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const LO: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const HX: &[u8] = b"0123456789abcdef";
const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DG: &[u8] = b"0123456789";
const LT: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const AGE: &[u8] = b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const A27: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";

/// How one rule is exercised.
enum Example {
    /// A key found without context: `token = "KEY"` must report it, `FP` must report nothing.
    Key(String, String),
    /// An assignment: `LHS = "VALUE"` must report it, the value alone (`value = "VALUE"`) not.
    Assign(String, String),
    /// A whole text (multi-line keys): TP and FP texts.
    Text(String, String),
}

/// A false positive from a key: its second half replaced by one of its characters repeated,
/// which keeps the shape the regex wants but is a placeholder.
fn half_repeat(key: &str) -> String {
    let n = key.len() / 2;
    let c = key.as_bytes()[n] as char;
    format!("{}{}", &key[..n], c.to_string().repeat(key.len() - n))
}

fn examples() -> Vec<(&'static str, Example)> {
    let seed = Cell::new(100u64);
    let r = |len: usize, alphabet: &[u8]| {
        seed.set(seed.get() + 1);
        token(seed.get(), len, alphabet)
    };
    let uuid = || {
        format!(
            "{}-{}-{}-{}-{}",
            r(8, HX),
            r(4, HX),
            r(4, HX),
            r(4, HX),
            r(12, HX)
        )
    };
    let k = |key: String| {
        let fp = half_repeat(&key);
        Example::Key(key, fp)
    };
    let kf = |key: String, fp: String| Example::Key(key, fp);
    let a = |lhs: &str, value: String| Example::Assign(lhs.to_string(), value);
    let pem_body = format!("{}\n{}", r(64, B64), r(64, B64));
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    vec![
        // cloud
        ("aws-access-key-id", kf(format!("AKIA{}", r(16, B32)), format!("AKIA{}", r(15, B32)))),
        ("aws-secret-access-key", a("AWS_SECRET_ACCESS_KEY", r(40, B64))),
        ("aws-bedrock-api-key", kf(format!("ABSK{}", r(120, B64)), format!("ABSK{}", r(50, B64)))),
        ("google-api-key", kf(format!("AIza{}", r(35, URL)), format!("AIza{}", r(34, AN)))),
        ("google-oauth-client-secret", k(format!("GOCSPX-{}", r(28, URL)))),
        ("google-oauth-access-token", kf(format!("ya29.{}", r(100, URL)), format!("ya29.{}", r(12, AN)))),
        ("google-oauth-refresh-token", k(format!("1//0{}", r(60, URL)))),
        ("azure-entra-client-secret", kf(format!("{}8Q~{}", r(3, AN), r(34, AN)), format!("{}8Q~{}", r(3, AN), r(20, AN)))),
        ("azure-storage-account-key", Example::Text(
            format!("conn = \"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={}==;EndpointSuffix=core.windows.net\"", r(86, B64)),
            "conn = \"AccountKey=${STORAGE_ACCOUNT_KEY};EndpointSuffix=core.windows.net\"".to_string())),
        ("azure-storage-identifiable-key", k(format!("{}+ASt{}A==", r(76, B64), r(5, B64)))),
        ("azure-cosmosdb-identifiable-key", k(format!("{}ACDb{}Q==", r(76, B64), r(5, B64)))),
        ("azure-function-identifiable-key", k(format!("{}AzFu{}g==", r(44, URL), r(5, URL)))),
        ("azure-service-bus-identifiable-key", k(format!("{}+ASb{}w=", r(33, B64), r(5, B64)))),
        ("azure-apim-identifiable-key", k(format!("{}APIM{}A==", r(76, B64), r(5, B64)))),
        ("azure-search-identifiable-key", k(format!("{}AzSeB{}", r(42, AN), r(5, AN)))),
        ("azure-container-registry-identifiable-key", k(format!("{}+ACRC{}", r(42, B64), r(5, AN)))),
        ("azure-devops-pat", k(format!("{}AZDO{}", r(76, AN), r(4, AN)))),
        ("azure-devops-pat-legacy", a("AZURE_DEVOPS_PAT", r(52, A27))),
        ("alibaba-access-key-id", kf(format!("LTAI{}", r(20, AN)), format!("LTAI{}", r(12, AN)))),
        ("alibaba-secret-key", a("ALIBABA_ACCESS_KEY_SECRET", r(30, AN))),
        ("tencent-cloud-secret-id", k(format!("AKID{}", r(32, AN)))),
        ("yandex-cloud-api-key", k(format!("AQVN{}", r(36, URL)))),
        ("digitalocean-token", kf(format!("dop_v1_{}", r(64, HX)), format!("dop_v1_{}", r(63, HX)))),
        ("heroku-api-key", k(format!("HRKU-AA{}", r(58, URL)))),
        ("heroku-api-key-legacy", a("HEROKU_API_KEY", uuid())),
        ("scaleway-access-key", k(format!("SCW{}", r(17, UP)))),
        ("scaleway-secret-key", a("SCALEWAY_SECRET_KEY", uuid())),
        ("cloudflare-origin-ca-key", k(format!("v1.0-{}-{}", r(24, HX), r(146, HX)))),
        ("cloudflare-api-token", a("CLOUDFLARE_API_TOKEN", r(40, URL))),
        ("flyio-token", k(format!("fo1_{}", r(43, URL)))),
        ("vercel-token", a("VERCEL_TOKEN", r(24, AN))),
        ("netlify-token", k(format!("nfp_{}", r(36, AN)))),
        ("netlify-token-legacy", a("NETLIFY_AUTH_TOKEN", r(43, URL))),
        ("render-api-key", k(format!("rnd_{}", r(32, AN)))),
        ("linode-token", a("LINODE_TOKEN", r(64, HX))),
        ("ibm-cloud-api-key", a("IBM_CLOUD_API_KEY", r(44, URL))),
        ("openshift-user-token", k(format!("sha256~{}", r(43, URL)))),
        ("terraform-cloud-token", k(format!("{}.atlasv1.{}", r(14, AN), r(67, URL)))),
        ("pulumi-access-token", k(format!("pul-{}", r(40, HX)))),
        ("tailscale-key", k(format!("tskey-auth-{}-{}", r(12, AN), r(30, AN)))),
        ("scalingo-token", k(format!("tk-us-{}", r(48, URL)))),
        ("ngrok-authtoken", a("NGROK_AUTHTOKEN", format!("{}_{}", r(27, AN), r(21, AN)))),
        // source hosting
        ("github-token", kf(format!("ghp_{}", r(36, AN)), format!("ghp_{}", r(35, AN)))),
        ("github-fine-grained-token", kf(format!("github_pat_{}_{}", r(22, AN), r(59, AN)), format!("github_pat_{}", r(40, AN)))),
        ("gitlab-pat", kf(format!("glpat-{}", r(20, URL)), format!("glpat-{}", r(19, AN)))),
        ("gitlab-deploy-token", k(format!("gldt-{}", r(20, URL)))),
        ("gitlab-runner-token", k(format!("glrt-{}", r(20, URL)))),
        ("gitlab-runner-registration-token", k(format!("GR1348941{}", r(20, URL)))),
        ("gitlab-pipeline-trigger-token", k(format!("glptt-{}", r(40, HX)))),
        ("gitlab-scim-token", k(format!("glsoat-{}", r(20, URL)))),
        ("gitlab-cicd-job-token", k(format!("glcbt-{}_{}", r(2, AN), r(20, URL)))),
        ("gitlab-feature-flag-client-token", k(format!("glffct-{}", r(20, URL)))),
        ("gitlab-feed-token", k(format!("glft-{}", r(20, URL)))),
        ("gitlab-incoming-mail-token", k(format!("glimt-{}", r(25, URL)))),
        ("gitlab-kubernetes-agent-token", k(format!("glagent-{}", r(50, URL)))),
        ("gitlab-oauth-app-secret", k(format!("gloas-{}", r(64, URL)))),
        ("gitlab-session-cookie", k(format!("_gitlab_session={}", r(32, LO)))),
        ("bitbucket-app-password", k(format!("ATBB{}", r(32, AN)))),
        ("atlassian-api-token", k(format!("ATATT3{}", r(186, URL)))),
        ("bitbucket-client-secret", a("BITBUCKET_CLIENT_SECRET", r(64, URL))),
        ("huggingface-token", kf(format!("hf_{}", r(34, LT)), format!("hf_{}", r(34, HX)))),
        ("huggingface-org-token", k(format!("api_org_{}", r(34, LT)))),
        ("sourcegraph-token", k(format!("sgp_{}_{}", r(16, HX), r(40, HX)))),
        // CI/CD and tools
        ("circleci-token", k(format!("CCIPAT_{}_{}", r(22, AN), r(40, HX)))),
        ("circleci-token-legacy", a("CIRCLECI_TOKEN", r(40, HX))),
        ("buildkite-token", k(format!("bkua_{}", r(40, HX)))),
        ("travis-ci-token", a("TRAVIS_API_TOKEN", r(22, AN))),
        ("drone-ci-token", a("DRONE_TOKEN", r(32, AN))),
        ("jenkins-api-token", a("JENKINS_API_TOKEN", format!("11{}", r(32, HX)))),
        ("sonarqube-token", k(format!("squ_{}", r(40, HX)))),
        ("snyk-token", a("SNYK_TOKEN", uuid())),
        ("codecov-token", a("CODECOV_TOKEN", uuid())),
        ("octopus-deploy-api-key", k(format!("API-{}", r(26, UP)))),
        ("harness-api-key", k(format!("pat.{}.{}.{}", r(22, URL), r(24, AN), r(20, AN)))),
        ("dockerhub-token", k(format!("dckr_pat_{}", r(27, URL)))),
        ("postman-api-key", k(format!("PMAK-{}-{}", r(24, HX), r(34, HX)))),
        ("infracost-api-key", k(format!("ico-{}", r(32, AN)))),
        ("prefect-api-key", k(format!("pnu_{}", r(36, AN)))),
        ("readme-api-key", k(format!("rdme_{}", r(70, LO)))),
        ("figma-token", k(format!("figd_{}", r(40, URL)))),
        ("linear-api-key", k(format!("lin_api_{}", r(40, AN)))),
        ("launchdarkly-key", k(format!("api-{}", uuid()))),
        ("settlemint-token", k(format!("sm_pat_{}", r(16, AN)))),
        ("intra42-client-secret", k(format!("s-s4t2ud-{}", r(64, HX)))),
        ("sauce-labs-access-key", a("SAUCE_ACCESS_KEY", uuid())),
        ("browserstack-access-key", a("BROWSERSTACK_ACCESS_KEY", r(20, AN))),
        ("cypress-record-key", a("CYPRESS_RECORD_KEY", uuid())),
        // package registries
        ("npm-token", kf(format!("npm_{}", r(36, AN)), "npm_install_hook".to_string())),
        ("pypi-token", k(format!("pypi-AgEIcHlwaS5vcmc{}", r(70, URL)))),
        ("rubygems-api-key", k(format!("rubygems_{}", r(48, HX)))),
        ("nuget-api-key", k(format!("oy2{}", r(43, LO)))),
        ("crates-io-token", k(format!("cio{}", r(32, AN)))),
        ("clojars-token", k(format!("CLOJARS_{}", r(60, LO)))),
        ("jfrog-token", k(format!("AKCp{}", r(69, AN)))),
        ("packagist-token", a("PACKAGIST_TOKEN", r(30, AN))),
        ("hex-pm-api-key", a("HEX_API_KEY", r(32, HX))),
        // payments
        ("paystack-secret-key", k(format!("sk_live_{}", r(40, HX)))),
        ("stripe-secret-key", kf(format!("sk_live_{}", r(24, LT)), format!("risk_live_{}", r(24, AN)))),
        ("stripe-webhook-secret", k(format!("whsec_{}", r(32, AN)))),
        ("braintree-access-token", k(format!("access_token$production${}${}", r(16, LO), r(32, HX)))),
        ("paypal-client-secret", a("PAYPAL_CLIENT_SECRET", format!("E{}", r(79, URL)))),
        ("square-access-token", k(format!("sq0atp-{}", r(22, URL)))),
        ("square-oauth-secret", k(format!("sq0csp-{}", r(43, URL)))),
        ("shopify-token", kf(format!("shpat_{}", r(32, HX)), format!("shpat_{}", r(32, LT)))),
        ("flutterwave-secret-key", k(format!("FLWSECK_TEST-{}-X", r(32, b"abcdefgh0123456789")))),
        ("plaid-access-token", k(format!("access-sandbox-{}", uuid()))),
        ("plaid-secret", a("PLAID_SECRET", r(30, HX))),
        ("paddle-api-key", k(format!("pdl_live_apikey_{}_{}_{}", r(26, LO), r(22, AN), r(3, AN)))),
        ("gocardless-token", a("GOCARDLESS_ACCESS_TOKEN", format!("live_{}", r(40, URL)))),
        ("adyen-api-key", a("ADYEN_API_KEY", format!("AQE{}", r(100, URL)))),
        ("razorpay-key-secret", a("RAZORPAY_KEY_SECRET", r(24, AN))),
        ("mollie-api-key", a("MOLLIE_API_KEY", format!("live_{}", r(30, AN)))),
        ("coinbase-token", a("COINBASE_ACCESS_TOKEN", r(64, URL))),
        ("shippo-token", k(format!("shippo_live_{}", r(40, HX)))),
        ("easypost-api-key", k(format!("EZAK{}", r(54, AN)))),
        ("duffel-token", k(format!("duffel_test_{}", r(43, URL)))),
        ("lob-api-key", a("LOB_API_KEY", format!("live_{}", r(35, HX)))),
        // messaging
        ("slack-token", kf(format!("xoxb-{}-{}-{}", r(12, DG), r(13, DG), r(24, AN)), "xoxb-short".to_string())),
        ("slack-config-token", k(format!("xoxe.xoxp-1-{}", r(164, AN)))),
        ("slack-app-token", k(format!("xapp-1-A{}-{}-{}", r(10, UP), r(13, DG), r(64, HX)))),
        ("slack-webhook-url", kf(format!("https://hooks.slack.com/services/T{}/B{}/{}", r(8, UP), r(8, UP), r(24, AN)),
            "https://hooks.slack.com/services/T000/B000/xyz".to_string())),
        ("slack-workflow-webhook-url", k(format!("https://hooks.slack.com/triggers/T{}/{}/{}", r(8, UP), r(13, DG), r(32, HX)))),
        ("discord-webhook-url", k(format!("https://discord.com/api/webhooks/{}/{}", r(18, DG), r(68, URL)))),
        ("discord-bot-token", a("DISCORD_BOT_TOKEN", format!("M{}.{}.{}", r(23, AN), r(6, AN), r(27, AN)))),
        ("telegram-bot-token", k(format!("{}:AA{}", r(10, DG), r(33, URL)))),
        ("microsoft-teams-webhook-url", k(format!("https://acme.webhook.office.com/webhookb2/{}@{}/IncomingWebhook/{}/{}", uuid(), uuid(), r(32, HX), uuid()))),
        ("twilio-api-key", k(format!("SK{}", r(32, HX)))),
        ("twilio-auth-token", a("TWILIO_AUTH_TOKEN", r(32, HX))),
        ("facebook-access-token", k(format!("EAAC{}", r(150, AN)))),
        ("twitter-bearer-token", kf(format!("{}{}", "A".repeat(21), r(80, AN)), "A".repeat(60))),
        ("twitter-api-secret", a("TWITTER_API_SECRET", r(50, AN))),
        ("mattermost-token", a("MATTERMOST_TOKEN", r(26, LO))),
        ("pusher-secret", a("PUSHER_APP_SECRET", r(20, HX))),
        ("messagebird-api-key", a("MESSAGEBIRD_API_KEY", r(25, AN))),
        ("vonage-api-secret", a("VONAGE_API_SECRET", r(16, AN))),
        ("sendbird-token", a("SENDBIRD_API_TOKEN", r(40, HX))),
        ("line-channel-secret", a("LINE_CHANNEL_SECRET", r(32, HX))),
        ("twitch-token", a("TWITCH_CLIENT_SECRET", r(30, LO))),
        ("zoom-secret", a("ZOOM_CLIENT_SECRET", r(32, AN))),
        // mail
        ("sendgrid-api-key", kf(format!("SG.{}.{}", r(22, URL), r(43, URL)), format!("MSG.{}", r(22, AN)))),
        ("mailgun-api-key", k(format!("key-{}", r(32, AN)))),
        ("mailgun-signing-key", a("MAILGUN_SIGNING_KEY", format!("{}-{}-{}", r(32, HX), r(8, HX), r(8, HX)))),
        ("mailchimp-api-key", k(format!("{}-us12", r(32, HX)))),
        ("brevo-api-key", k(format!("xkeysib-{}-{}", r(64, HX), r(16, AN)))),
        ("resend-api-key", k(format!("re_{}_{}", r(8, AN), r(24, AN)))),
        ("postmark-token", a("POSTMARK_SERVER_TOKEN", uuid())),
        ("sparkpost-api-key", a("SPARKPOST_API_KEY", r(40, HX))),
        ("mailjet-secret", a("MAILJET_SECRET_KEY", r(32, HX))),
        ("mandrill-api-key", a("MANDRILL_API_KEY", format!("md-{}", r(22, URL)))),
        ("smtp-password", a("SMTP_PASSWORD", r(16, AN))),
        // AI
        ("anthropic-api-key", kf(format!("sk-ant-api03-{}AA", r(93, URL)), format!("sk-ant-api03-{}", r(20, AN)))),
        ("openrouter-api-key", k(format!("sk-or-v1-{}", r(64, HX)))),
        ("openai-api-key", kf(format!("sk-proj-{}", r(64, URL)), format!("task-{}", r(48, AN)))),
        ("deepseek-api-key", a("DEEPSEEK_API_KEY", format!("sk-{}", r(32, HX)))),
        ("groq-api-key", k(format!("gsk_{}", r(52, AN)))),
        ("replicate-api-token", k(format!("r8_{}", r(37, AN)))),
        ("perplexity-api-key", k(format!("pplx-{}", r(48, AN)))),
        ("xai-api-key", k(format!("xai-{}", r(80, AN)))),
        ("langsmith-api-key", k(format!("lsv2_pt_{}_{}", r(32, HX), r(10, HX)))),
        ("cerebras-api-key", k(format!("csk-{}", r(48, LO)))),
        ("nvidia-api-key", k(format!("nvapi-{}", r(64, URL)))),
        ("pinecone-api-key", k(format!("pcsk_{}_{}", r(5, AN), r(60, AN)))),
        ("elevenlabs-api-key", k(format!("sk_{}", r(48, HX)))),
        ("fireworks-api-key", k(format!("fw_{}", r(24, AN)))),
        ("cohere-api-key", a("COHERE_API_KEY", r(40, AN))),
        ("mistral-api-key", a("MISTRAL_API_KEY", r(32, AN))),
        ("together-api-key", a("TOGETHER_API_KEY", r(64, HX))),
        ("wandb-api-key", a("WANDB_API_KEY", r(40, HX))),
        ("azure-openai-api-key", a("AZURE_OPENAI_API_KEY", r(32, HX))),
        ("assemblyai-api-key", a("ASSEMBLYAI_API_KEY", r(32, HX))),
        ("deepgram-api-key", a("DEEPGRAM_API_KEY", r(40, HX))),
        // databases
        ("postgres-url-password", kf(format!("postgres://app:{}@db.internal:5432/app", r(20, AN)), "postgres://app:${DB_PASSWORD}@db/app".to_string())),
        ("mysql-url-password", kf(format!("mysql://root:{}@127.0.0.1:3306/shop", r(20, AN)), "mysql://root:<password>@localhost/shop".to_string())),
        ("mongodb-url-password", kf(format!("mongodb+srv://svc:{}@cluster0.mongo.net/db", r(20, AN)), "mongodb://user:changeme@localhost/db".to_string())),
        ("redis-url-password", kf(format!("redis://default:{}@cache:6379", r(20, AN)), "redis://default:xxxxxxxx@cache:6379".to_string())),
        ("amqp-url-password", kf(format!("amqps://worker:{}@mq.internal/vhost", r(20, AN)), "amqp://guest:{{password}}@localhost".to_string())),
        ("sqlserver-connection-password", kf(format!("Server=tcp:db.corp;Database=app;User ID=app;Password={};", r(20, AN)), "Server=db;Password=${SQL_PASSWORD};".to_string())),
        ("planetscale-token", k(format!("pscale_tkn_{}", r(43, URL)))),
        ("supabase-token", k(format!("sbp_{}", r(40, HX)))),
        ("neon-api-key", k(format!("napi_{}", r(64, LO)))),
        ("databricks-token", k(format!("dapi{}", r(32, HX)))),
        ("clickhouse-cloud-secret", k(format!("4b1d{}", r(38, AN)))),
        ("airtable-pat", k(format!("pat{}.{}", r(14, AN), r(64, HX)))),
        ("airtable-api-key", a("AIRTABLE_API_KEY", format!("key{}", r(14, AN)))),
        ("firebase-fcm-server-key", k(format!("AAAA{}:APA91b{}", r(7, URL), r(134, URL)))),
        ("snowflake-password", a("SNOWFLAKE_PASSWORD", r(16, AN))),
        ("elastic-api-key", a("ELASTIC_API_KEY", format!("{}==", r(60, AN)))),
        ("confluent-secret", a("CONFLUENT_API_SECRET", r(64, AN))),
        ("upstash-token", a("UPSTASH_REDIS_REST_TOKEN", format!("A{}=", r(80, URL)))),
        ("mongodb-atlas-private-key", a("MONGODB_ATLAS_PRIVATE_KEY", uuid())),
        ("influxdb-token", a("INFLUX_TOKEN", format!("{}==", r(86, URL)))),
        ("algolia-admin-key", a("ALGOLIA_ADMIN_KEY", r(32, HX))),
        // observability
        ("datadog-api-key", a("DD_API_KEY", r(32, HX))),
        ("newrelic-user-api-key", k(format!("NRAK-{}", r(27, UP)))),
        ("newrelic-insert-key", k(format!("NRII-{}", r(32, URL)))),
        ("newrelic-license-key", k(format!("{}NRAL", r(36, HX)))),
        ("newrelic-browser-key", k(format!("NRJS-{}", r(19, HX)))),
        ("sentry-org-token", k(format!("sntrys_eyJ{}", r(120, B64)))),
        ("sentry-user-token", k(format!("sntryu_{}", r(64, HX)))),
        ("sentry-auth-token-legacy", a("SENTRY_AUTH_TOKEN", r(64, HX))),
        ("grafana-cloud-token", k(format!("glc_{}", r(60, B64)))),
        ("grafana-service-account-token", k(format!("glsa_{}_{}", r(32, AN), r(8, HX)))),
        ("grafana-api-key", k(format!("eyJrIjoi{}", r(80, AN)))),
        ("dynatrace-token", k(format!("dt0c01.{}.{}", r(24, UP), r(64, AN)))),
        ("honeycomb-api-key", k(format!("hcaik_{}", r(58, AN)))),
        ("axiom-token", k(format!("xaat-{}", uuid()))),
        ("splunk-hec-token", a("SPLUNK_HEC_TOKEN", uuid())),
        ("pagerduty-api-key", a("PAGERDUTY_API_KEY", r(20, AN))),
        ("opsgenie-api-key", a("OPSGENIE_API_KEY", uuid())),
        ("rollbar-token", a("ROLLBAR_ACCESS_TOKEN", r(32, HX))),
        ("bugsnag-api-key", a("BUGSNAG_API_KEY", r(32, HX))),
        ("sumologic-access-key", a("SUMOLOGIC_ACCESS_KEY", r(64, AN))),
        ("logdna-ingestion-key", a("LOGDNA_INGESTION_KEY", r(32, HX))),
        ("lightstep-token", a("LIGHTSTEP_ACCESS_TOKEN", r(100, B64))),
        // secret managers
        ("hashicorp-vault-token", kf(format!("hvs.{}", r(95, AN)), format!("hvs.{}", r(30, AN)))),
        ("doppler-token", k(format!("dp.st.{}", r(43, AN)))),
        ("1password-service-account-token", k(format!("ops_eyJ{}", r(300, B64)))),
        ("1password-secret-key", k(format!("A3-{}-{}-{}-{}-{}", r(6, UP), r(11, UP), r(5, UP), r(5, UP), r(5, UP)))),
        ("okta-api-token", a("OKTA_API_TOKEN", format!("00{}", r(40, URL)))),
        ("auth0-client-secret", a("AUTH0_CLIENT_SECRET", r(64, URL))),
        ("akeyless-access-key", a("AKEYLESS_ACCESS_KEY", format!("{}=", r(43, B64)))),
        ("infisical-token", a("INFISICAL_TOKEN", format!("st.{}.{}.{}", uuid(), r(32, HX), r(32, HX)))),
        ("bitwarden-access-token", a("BWS_ACCESS_TOKEN", format!("0.{}.{}:{}==", uuid(), r(30, AN), r(22, B64)))),
        ("keycloak-client-secret", a("KEYCLOAK_CLIENT_SECRET", r(32, AN))),
        // private keys
        ("private-key-block", Example::Text(
            format!("-----BEGIN RSA PRIVATE KEY-----\n{pem_body}\n-----END RSA PRIVATE KEY-----\n"),
            format!("-----BEGIN PUBLIC KEY-----\n{pem_body}\n-----END PUBLIC KEY-----\nif line == \"-----BEGIN OPENSSH PRIVATE KEY-----\" {{\n"))),
        ("private-key-base64", Example::Text(
            format!("client-key-data: {}\n", b64(&format!("-----BEGIN EC PRIVATE KEY-----\n{pem_body}\n-----END EC PRIVATE KEY-----\n"))),
            format!("client-certificate-data: {}\n", b64(&format!("-----BEGIN CERTIFICATE-----\n{pem_body}\n-----END CERTIFICATE-----\n"))))),
        ("putty-private-key", Example::Text(
            format!("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me@laptop\nPublic-Lines: 2\n{}\n{}\nPrivate-Lines: 1\n{}\n", r(64, B64), r(20, B64), r(44, B64)),
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: docs\nPublic-Lines: 0\nPrivate-Lines: 1\n<your key here>\n".to_string())),
        ("age-secret-key", kf(format!("AGE-SECRET-KEY-1{}", r(58, AGE)), format!("AGE-SECRET-KEY-1{}", r(40, AGE)))),
        ("wireguard-private-key", Example::Text(
            format!("[Interface]\nPrivateKey = {}c=\nAddress = 10.0.0.2/32\n", r(42, B64)),
            "[Interface]\nPrivateKey = <private key of the peer>\n".to_string())),
        ("keystore-password", a("storePassword", r(12, AN))),
        ("pkcs12-password", a("PFX_PASSWORD", r(12, AN))),
        // other SaaS
        ("jwt", kf(format!("eyJ{}.eyJ{}.{}", r(20, URL), r(40, URL), r(43, URL)), format!("eyJ{}.{}", r(20, URL), r(43, URL)))),
        ("mapbox-secret-token", k(format!("sk.eyJ{}.{}", r(60, URL), r(22, URL)))),
        ("contentful-token", k(format!("CFPAT-{}", r(43, URL)))),
        ("notion-token", k(format!("ntn_{}{}", r(11, DG), r(35, AN)))),
        ("dropbox-token", k(format!("sl.{}", r(140, URL)))),
        ("typeform-token", k(format!("tfp_{}", r(59, URL)))),
        ("frameio-token", k(format!("fio-u-{}", r(64, URL)))),
        ("adobe-client-secret", k(format!("p8e-{}", r(32, AN)))),
        ("hubspot-private-app-token", k(format!("pat-na1-{}", uuid()))),
        ("hubspot-api-key", a("HUBSPOT_API_KEY", uuid())),
        ("salesforce-access-token", k(format!("00D{}!{}", r(15, AN), r(100, AN)))),
        ("maxmind-license-key", k(format!("{}_{}_mmk", r(6, AN), r(29, AN)))),
        ("zapier-webhook-url", k(format!("https://hooks.zapier.com/hooks/catch/{}/{}/", r(7, DG), r(8, LO)))),
        ("zendesk-api-token", a("ZENDESK_API_TOKEN", r(40, AN))),
        ("freshdesk-api-key", a("FRESHDESK_API_KEY", r(20, AN))),
        ("intercom-token", a("INTERCOM_ACCESS_TOKEN", r(60, URL))),
        ("asana-token", a("ASANA_TOKEN", format!("1/{}:{}", r(16, DG), r(32, AN)))),
        ("trello-token", a("TRELLO_TOKEN", format!("ATTA{}", r(64, AN)))),
        ("shopify-storefront-secret", a("SHOPIFY_API_SECRET", r(32, HX))),
        ("segment-write-key", a("SEGMENT_WRITE_KEY", r(32, AN))),
        ("mixpanel-secret", a("MIXPANEL_API_SECRET", r(32, HX))),
        ("fastly-api-token", a("FASTLY_API_TOKEN", r(32, URL))),
        ("rapidapi-key", a("RAPIDAPI_KEY", r(50, URL))),
        ("cloudinary-api-secret", a("CLOUDINARY_API_SECRET", r(27, URL))),
        ("cloudinary-url", k(format!("cloudinary://{}:{}@acme", r(15, DG), r(27, URL)))),
        ("github-oauth-client-secret", a("GITHUB_CLIENT_SECRET", r(40, HX))),
        ("facebook-app-secret", a("FB_APP_SECRET", r(32, HX))),
        ("linkedin-client-secret", a("LINKEDIN_CLIENT_SECRET", r(16, AN))),
        ("etsy-api-key", a("ETSY_API_KEY", r(24, LO))),
        ("nytimes-api-key", a("NYTIMES_API_KEY", r(32, AN))),
        ("sidekiq-credentials", a("BUNDLE_ENTERPRISE__CONTRIBSYS__COM", format!("{}:{}", r(8, HX), r(8, HX)))),
        // generic
        ("url-credentials", kf(format!("https://deploy:{}@git.corp.internal/repo.git", r(20, AN)), "https://user:password@host/path".to_string())),
        ("authorization-basic", Example::Text(
            format!("curl -H \"Authorization: Basic {}\" https://api\n", b64(&format!("svc:{}", r(20, AN)))),
            format!("curl -H \"Authorization: Basic {}\" https://api\n", b64("username:xxxxxxxx")))),
        ("authorization-bearer", Example::Text(
            format!("headers = {{\"Authorization\": \"Bearer {}\"}}\n", r(40, URL)),
            "headers = {\"Authorization\": \"Bearer ${TOKEN}\"}\n".to_string())),
        ("generic-api-key", Example::Text(
            format!("api_key = \"{}\"\n", r(32, AN)),
            "api_key = \"your_api_key_here\"\ntoken = get_token(session_identifier)\nsecret_name = \"database-credentials\"\nhkdf(key, SSH_ED25519_RECIPIENT_KEY_LABEL)\npub ADAPTERKEY: D3DKMT_PRESENTHISTORYTOKEN,\ncredentials: MI_UserCredentials_0,\nassert(keyClass==FTS3_HASH_BINARY);\napi.xCreateTokenizer = fts5CreateTokenizer;\npub const InheritPrivateKey: X509RequestInheritOptions = 3i32;\n".to_string())),
        ("generic-password", Example::Text(
            format!("DATABASES = {{\"password\": \"{}\"}}\n", r(14, AN)),
            "password = \"changeme\"\npassword: \"********\"\npassword = os.environ[\"DB_PASSWORD\"]\n".to_string())),
    ]
}

fn ids(found: &[crate::scan::Finding]) -> Vec<String> {
    kinds(found).into_iter().map(|k| k.2).collect()
}

#[test]
fn every_rule_has_an_example_and_ids_are_unique() {
    let examples = examples();
    let table: Vec<&str> = rules().map(|r| r.id).collect();
    let mut sorted = table.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), table.len(), "duplicate rule ids");
    assert_eq!(
        examples.iter().map(|e| e.0).collect::<Vec<_>>(),
        table,
        "one example per rule, in table order"
    );
    assert!(table.len() >= 150);
}

#[test]
fn every_rule_finds_its_true_positive_and_not_its_false_positive() {
    let s = Scanner::new(&[], true);
    let mut failures = Vec::new();
    for (id, example) in examples() {
        let (tp, fps) = match &example {
            Example::Key(key, fp) => (
                format!("config:\n  token = \"{key}\" # x\n"),
                vec![format!("value: {fp}\n")],
            ),
            Example::Assign(lhs, value) => (
                format!("{lhs} = \"{value}\"\n"),
                vec![format!("value = \"{value}\"\n")],
            ),
            Example::Text(tp, fp) => (tp.clone(), vec![fp.clone()]),
        };
        let found = ids(&s.scan_bytes(Path::new("f"), tp.as_bytes()));
        if found != [id] {
            failures.push(format!("{id}: true positive gave {found:?}"));
        }
        for fp in fps {
            let found = ids(&s.scan_bytes(Path::new("f"), fp.as_bytes()));
            if !found.is_empty() {
                failures.push(format!("{id}: false positive gave {found:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn positions_point_at_the_key_or_the_assigned_value() {
    let s = Scanner::new(&[], true);
    let key = format!("ghp_{}", token(2, 36, AN));
    let found = kinds(&s.scan_bytes(Path::new("f"), format!("x\n  t = \"{key}\"").as_bytes()));
    assert_eq!(found, [(2, 8, "github-token".to_string())]);
    let value = token(3, 32, HX);
    let found = kinds(&s.scan_bytes(Path::new("f"), format!("DD_API_KEY: {value}\n").as_bytes()));
    assert_eq!(found, [(1, 13, "datadog-api-key".to_string())]);
}

#[test]
fn placeholders_and_documented_samples_are_not_findings() {
    let s = Scanner::new(&[], true);
    let samples = [
        format!("AKIA{}{}", "IOSFODNN7", "EXAMPLE"),
        format!("ghp_{}", "x".repeat(36)),
        format!("xoxb-{}", "x".repeat(40)),
        format!("sk_live_{}", "0".repeat(24)),
        // The GitHub documentation's token and the jwt.io token, matched by hash.
        format!("ghp_{}{}", "16C7e42F292c6912E7710c", "838347Ae178B4a"),
        format!(
            "{}.{}.{}",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9",
            "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ",
            "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        ),
        "api_key = \"<YOUR_API_KEY>\"".to_string(),
        "api_key = \"${API_KEY}\"".to_string(),
        "secret = \"{{ .Values.secret }}\"".to_string(),
        "token = \"abcdefghijklmnopqrstuvwxyz123456\"".to_string(),
    ];
    for sample in samples {
        let found = s.scan_bytes(Path::new("f"), sample.as_bytes());
        assert!(found.is_empty(), "{sample}: {found:?}");
    }
}

#[test]
fn entropy_and_placeholder_helpers() {
    assert!(entropy(b"aaaa") < 0.01);
    assert!((entropy(b"abcd") - 2.0).abs() < 0.01);
    assert!(is_placeholder(b"x", b"your_token_here"));
    assert!(is_placeholder(b"x", b"ab12ab12ab12"));
    assert!(!is_placeholder(b"x", token(1, 32, AN).as_bytes()));
    assert!(!random_enough(b"onlyletterswithoutdigits", 3.0));
    assert!(random_enough(token(5, 24, AN).as_bytes(), 3.5));
}

/// The README's table of rule families says how many rules each has: it must not drift.
#[test]
fn readme_counts_the_rules_of_each_family() {
    let readme = include_str!("../../../README.md");
    let mut total = 0;
    for family in Family::ALL {
        let count = rules().filter(|r| r.family == family).count();
        total += count;
        let row = format!("| {} | {count} |", family.name());
        assert!(readme.contains(&row), "README should have the row {row:?}");
    }
    assert_eq!(total, rules().count());
    assert!(readme.contains(&format!("{} rules for the tokens", rules().count())));
}
