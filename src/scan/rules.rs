//! The key-format rules: what a credential of each provider looks like, and what makes a match
//! a placeholder (`ghp_xxxx…`, `AKIAIOSFODNN7EXAMPLE`, `<your key>`) rather than a key.
//!
//! It exists so that the table can be read, reviewed and extended in one place, apart from the
//! engine that runs it. The formats are the providers' documented token formats, as the
//! public rule sets of gitleaks, trufflehog and detect-secrets also encode them.
//!
//! Three kinds of rule:
//!
//! * **prefix**: the token starts with a distinctive literal (`ghp_`, `glcbt-`, `xapp-`,
//!   `AGE-SECRET-KEY-1`); the literal is an *anchor* in the engine's automaton and the regex
//!   runs, anchored, on a small window from it. No context is needed.
//! * **embedded**: the distinctive literal sits inside the token (`…Q~…` of an Entra ID
//!   secret, `…NRAL` of a New Relic licence key); the regex runs on a window that starts
//!   `back` bytes before the anchor and must cover it.
//! * **context**: the token has no distinctive shape (32 hex digits, a UUID), so the rule needs
//!   the provider's name (or, for the generic rules, `key`, `token`, `secret`, `password`) in
//!   an assignment (`DATADOG_API_KEY = "…"`, `"datadog_api_key": "…"`, `datadog.api_key: …`)
//!   right before the value. Keywords are anchors in lower, upper and title case; the generic
//!   rules also require an entropy threshold and a digit and a letter in the value. A context
//!   match yields to a prefix match or a vault value at the same place.
//!
//! Every match then passes [`is_placeholder`]: repeated or sequential characters, `EXAMPLE`,
//! `xxxx`, `0000`, `<…>`, `${…}` and the well-known documentation keys are not findings.

use sha2::{Digest, Sha256};

/// Which neighbouring byte means the match is part of a longer token and so not a key.
#[derive(Clone, Copy, Debug)]
pub(super) enum Edge {
    Any,
    /// An ASCII letter or digit.
    Alnum,
    /// An ASCII letter, digit, `-` or `_`.
    Token,
    /// An ASCII letter, digit, `+`, `/` or `=` (base64 text).
    Base64,
}

impl Edge {
    pub(super) fn continues(self, b: u8) -> bool {
        match self {
            Edge::Any => false,
            Edge::Alnum => b.is_ascii_alphanumeric(),
            Edge::Token => b.is_ascii_alphanumeric() || b == b'-' || b == b'_',
            Edge::Base64 => b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='),
        }
    }
}

/// The families the README counts rules by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Cloud,
    SourceHosting,
    Ci,
    PackageRegistry,
    Payments,
    Messaging,
    Mail,
    Ai,
    Database,
    Observability,
    SecretManager,
    PrivateKey,
    Saas,
    Generic,
}

impl Family {
    /// Every family, in the README's order (the README-count test walks them).
    #[cfg(test)]
    pub const ALL: [Family; 14] = [
        Family::Cloud,
        Family::SourceHosting,
        Family::Ci,
        Family::PackageRegistry,
        Family::Payments,
        Family::Messaging,
        Family::Mail,
        Family::Ai,
        Family::Database,
        Family::Observability,
        Family::SecretManager,
        Family::PrivateKey,
        Family::Saas,
        Family::Generic,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Family::Cloud => "cloud and hosting",
            Family::SourceHosting => "source hosting",
            Family::Ci => "CI/CD and developer tools",
            Family::PackageRegistry => "package registries",
            Family::Payments => "payments and commerce",
            Family::Messaging => "messaging and chat",
            Family::Mail => "mail",
            Family::Ai => "AI APIs",
            Family::Database => "databases and data platforms",
            Family::Observability => "observability",
            Family::SecretManager => "secret managers and identity",
            Family::PrivateKey => "private keys and keystores",
            Family::Saas => "other SaaS APIs",
            Family::Generic => "generic assignments and URLs",
        }
    }

    /// A short tag, for SARIF.
    pub fn tag(self) -> &'static str {
        match self {
            Family::Cloud => "cloud",
            Family::SourceHosting => "source-hosting",
            Family::Ci => "ci",
            Family::PackageRegistry => "package-registry",
            Family::Payments => "payments",
            Family::Messaging => "messaging",
            Family::Mail => "mail",
            Family::Ai => "ai",
            Family::Database => "database",
            Family::Observability => "observability",
            Family::SecretManager => "secret-manager",
            Family::PrivateKey => "private-key",
            Family::Saas => "saas",
            Family::Generic => "generic",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Rule {
    pub id: &'static str,
    pub family: Family,
    pub description: &'static str,
    /// Literals one of which every match contains (context rules: keywords, any case).
    pub anchors: &'static [&'static str],
    /// Prefix and embedded rules: the token; context rules: the value after the assignment.
    /// A capture group, if any, is the part checked for placeholders and entropy.
    pub regex: &'static str,
    pub context: bool,
    /// Embedded rules: how many bytes before the anchor the token may start.
    pub back: usize,
    /// How many bytes from the anchor the regex may look at.
    pub window: usize,
    pub before: Edge,
    pub after: Edge,
    /// Bits per byte the checked part must reach (0: no threshold); with a threshold the part
    /// must also hold a digit and a letter.
    pub min_entropy: f32,
}

const fn prefix(
    id: &'static str,
    family: Family,
    description: &'static str,
    anchors: &'static [&'static str],
    regex: &'static str,
) -> Rule {
    Rule {
        id,
        family,
        description,
        anchors,
        regex,
        context: false,
        back: 0,
        window: 256,
        before: Edge::Alnum,
        after: Edge::Token,
        min_entropy: 0.0,
    }
}

/// A rule whose value needs one of `keywords` in an assignment right before it.
const fn ctx(
    id: &'static str,
    family: Family,
    description: &'static str,
    keywords: &'static [&'static str],
    value: &'static str,
) -> Rule {
    Rule {
        context: true,
        before: Edge::Any,
        window: 200,
        ..prefix(id, family, description, keywords, value)
    }
}

impl Rule {
    const fn window(self, window: usize) -> Rule {
        Rule { window, ..self }
    }
    const fn back(self, back: usize) -> Rule {
        Rule { back, ..self }
    }
    const fn before(self, before: Edge) -> Rule {
        Rule { before, ..self }
    }
    const fn after(self, after: Edge) -> Rule {
        Rule { after, ..self }
    }
    const fn entropy(self, min_entropy: f32) -> Rule {
        Rule {
            min_entropy,
            ..self
        }
    }

    /// The regular expression the engine compiles (bytes, ASCII classes).
    pub(super) fn pattern(&self) -> String {
        if self.context {
            let keywords: Vec<String> = self
                .anchors
                .iter()
                .map(|k| regex::escape(&k.to_ascii_lowercase()))
                .collect();
            // KEYWORD[_.-name]["'] = "VALUE", also `: `, `:=`, `=>`, `,` (a tuple or call).
            // A provider's name may also stand in a tuple or a call (`("datadog", "…")`);
            // a generic keyword, or a password-like value, only in an assignment
            // (`f(key, other)` is code).
            let ops = if self.family == Family::Generic || self.min_entropy > 0.0 {
                ":=|=>|=|:"
            } else {
                ":=|=>|=|:|,"
            };
            format!(
                r#"(?-u)^(?i:{})[\w.\-]{{0,40}}?["'\]]{{0,2}}[ \t]{{0,4}}(?:{ops})[ \t]{{0,4}}["'`]?(?:{})"#,
                keywords.join("|"),
                self.regex
            )
        } else if self.back > 0 {
            format!("(?-u){}", self.regex)
        } else {
            format!("(?-u)^{}", self.regex)
        }
    }

    /// The automaton's anchors for this rule: context keywords in lower, upper and title case.
    pub(super) fn anchor_variants(&self) -> Vec<String> {
        let mut out = Vec::new();
        for a in self.anchors {
            if self.context {
                let lower = a.to_ascii_lowercase();
                let mut title = lower.clone().into_bytes();
                title[0] = title[0].to_ascii_uppercase();
                out.push(a.to_string());
                out.push(lower.clone());
                out.push(lower.to_ascii_uppercase());
                out.push(String::from_utf8(title).expect("ASCII keyword"));
            } else {
                out.push(a.to_string());
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// What `tresor scan` tells about one rule (README, SARIF, tests).
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub id: &'static str,
    pub description: &'static str,
    pub family: Family,
}

/// Every key-format rule, in the order they are tried.
pub fn rules() -> impl Iterator<Item = RuleInfo> {
    RULES.iter().map(|r| RuleInfo {
        id: r.id,
        description: r.description,
        family: r.family,
    })
}

use Family::*;

// Value shapes shared by the context rules.
const HEX32: &str = r"([a-f0-9]{32})";
const HEX40: &str = r"([a-f0-9]{40})";
const HEX64: &str = r"([a-f0-9]{64})";
const UUID: &str = r"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";
/// A database URL with a password: `scheme://user:PASSWORD@host`.
const DB_URL: &str =
    r"[a-z0-9+]{3,20}://[^\s:@/'`]{1,64}:([^\s:@/'`]{4,128})@[A-Za-z0-9._\-\[\]]{1,255}";

pub(super) const RULES: &[Rule] = &[
    // ---- cloud and hosting ------------------------------------------------------------------
    prefix("aws-access-key-id", Cloud, "AWS access key ID", &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}").before(Edge::Alnum).after(Edge::Alnum),
    ctx("aws-secret-access-key", Cloud, "AWS secret access key (in an assignment)",
        &["aws_secret_access_key", "aws_secret_key", "secret_access_key", "awssecretkey", "aws-secret-access-key"],
        r"([A-Za-z0-9/+]{40})").after(Edge::Base64).entropy(4.0),
    prefix("aws-bedrock-api-key", Cloud, "Amazon Bedrock API key (long-term or short-term)",
        &["ABSK", "bedrock-api-key-"],
        r"(?:ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=&_.-]{20,2000})")
        .window(2100).after(Edge::Base64),
    prefix("google-api-key", Cloud, "Google API key", &["AIza"], r"AIza[0-9A-Za-z_-]{35}"),
    prefix("google-oauth-client-secret", Cloud, "Google OAuth client secret", &["GOCSPX-"], r"GOCSPX-[A-Za-z0-9_-]{28}"),
    prefix("google-oauth-access-token", Cloud, "Google OAuth access token", &["ya29."], r"ya29\.[0-9A-Za-z_-]{30,2048}").window(2100),
    prefix("google-oauth-refresh-token", Cloud, "Google OAuth refresh token", &["1//0"], r"1//0[0-9A-Za-z_-]{40,512}").window(600),
    prefix("azure-entra-client-secret", Cloud, "Microsoft Entra ID (Azure AD) client secret", &["Q~"],
        r"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}").back(4).window(48).before(Edge::Token).after(Edge::Token),
    prefix("azure-storage-account-key", Cloud, "Azure storage account key (connection string)", &["AccountKey="],
        r"AccountKey=([A-Za-z0-9+/]{86}==)").before(Edge::Any).after(Edge::Base64),
    prefix("azure-storage-identifiable-key", Cloud, "Azure storage identifiable key", &["+ASt"],
        r"[A-Za-z0-9+/]{76}\+ASt[A-Za-z0-9+/]{5}[AQgw]==").back(76).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-cosmosdb-identifiable-key", Cloud, "Azure Cosmos DB identifiable key", &["ACDb"],
        r"[A-Za-z0-9+/]{76}ACDb[A-Za-z0-9+/]{5}[AQgw]==").back(76).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-function-identifiable-key", Cloud, "Azure Functions identifiable key", &["AzFu"],
        r"[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==").back(44).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-service-bus-identifiable-key", Cloud, "Azure Service Bus / Event Hubs / Relay identifiable key", &["+ASb", "+AEh", "+ARm"],
        r"[A-Za-z0-9+/]{33}\+A(?:Sb|Eh|Rm)[A-Za-z0-9+/]{5}[AQgw]=").back(33).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-apim-identifiable-key", Cloud, "Azure API Management identifiable key", &["APIM"],
        r"[A-Za-z0-9+/]{76}APIM[A-Za-z0-9+/]{5}[AQgw]==").back(76).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-search-identifiable-key", Cloud, "Azure AI Search identifiable key", &["AzSe"],
        r"[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}").back(42).window(16).before(Edge::Alnum).after(Edge::Alnum),
    prefix("azure-container-registry-identifiable-key", Cloud, "Azure Container Registry identifiable key", &["+ACR"],
        r"[A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9]{5}").back(42).window(16).before(Edge::Base64).after(Edge::Base64),
    prefix("azure-devops-pat", Cloud, "Azure DevOps personal access token", &["AZDO"],
        r"[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}").back(76).window(16).after(Edge::Alnum),
    ctx("azure-devops-pat-legacy", Cloud, "Azure DevOps personal access token (legacy, in an assignment)",
        &["azure_devops", "azuredevops", "ado_pat", "ado_token", "devops_pat"], r"([a-z2-7]{52})"),
    prefix("alibaba-access-key-id", Cloud, "Alibaba Cloud AccessKey ID", &["LTAI"], r"LTAI[A-Za-z0-9]{20}"),
    ctx("alibaba-secret-key", Cloud, "Alibaba Cloud AccessKey secret (in an assignment)", &["alibaba", "aliyun"], r"([A-Za-z0-9]{30})"),
    prefix("tencent-cloud-secret-id", Cloud, "Tencent Cloud SecretId", &["AKID"], r"AKID[A-Za-z0-9]{32}"),
    prefix("yandex-cloud-api-key", Cloud, "Yandex Cloud API key", &["AQVN"], r"AQVN[A-Za-z0-9_-]{35,38}"),
    prefix("digitalocean-token", Cloud, "DigitalOcean personal, OAuth or refresh token", &["dop_v1_", "doo_v1_", "dor_v1_"],
        r"do[opr]_v1_[a-f0-9]{64}"),
    prefix("heroku-api-key", Cloud, "Heroku API key", &["HRKU-AA"], r"HRKU-AA[0-9A-Za-z_-]{58}"),
    ctx("heroku-api-key-legacy", Cloud, "Heroku API key (UUID, in an assignment)", &["heroku"], UUID),
    prefix("scaleway-access-key", Cloud, "Scaleway access key", &["SCW"], r"SCW[A-Z0-9]{17}").after(Edge::Alnum),
    ctx("scaleway-secret-key", Cloud, "Scaleway secret key (in an assignment)", &["scaleway", "scw_secret"], UUID),
    prefix("cloudflare-origin-ca-key", Cloud, "Cloudflare Origin CA key", &["v1.0-"], r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}"),
    ctx("cloudflare-api-token", Cloud, "Cloudflare API token or global key (in an assignment)", &["cloudflare", "cf_api_token", "cf_api_key"],
        r"([A-Za-z0-9_-]{40}|[a-f0-9]{37})"),
    prefix("flyio-token", Cloud, "Fly.io access token", &["fo1_", "fm1a_", "fm1r_", "fm2_"],
        r"(?:fo1_[\w-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,2000}={0,3}|fm2_[A-Za-z0-9+/]{100,2000}={0,3})").window(2100).after(Edge::Base64),
    ctx("vercel-token", Cloud, "Vercel access token (in an assignment)", &["vercel"], r"([A-Za-z0-9]{24})"),
    prefix("netlify-token", Cloud, "Netlify personal access token", &["nfp_"], r"nfp_[A-Za-z0-9]{36}"),
    ctx("netlify-token-legacy", Cloud, "Netlify access token (in an assignment)", &["netlify"], r"([A-Za-z0-9_-]{40,46})"),
    prefix("render-api-key", Cloud, "Render API key", &["rnd_"], r"rnd_[A-Za-z0-9]{32}"),
    ctx("linode-token", Cloud, "Linode (Akamai) personal access token (in an assignment)", &["linode"], HEX64),
    ctx("ibm-cloud-api-key", Cloud, "IBM Cloud API key (in an assignment)", &["ibm_cloud", "ibmcloud", "ic_api_key"], r"([A-Za-z0-9_-]{44})"),
    prefix("openshift-user-token", Cloud, "OpenShift user token", &["sha256~"], r"sha256~[\w-]{43}"),
    prefix("terraform-cloud-token", Cloud, "Terraform Cloud / HCP Terraform API token", &[".atlasv1."],
        r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}").back(14).window(90),
    prefix("pulumi-access-token", Cloud, "Pulumi access token", &["pul-"], r"pul-[a-f0-9]{40}"),
    prefix("tailscale-key", Cloud, "Tailscale auth, API or OAuth key", &["tskey-"],
        r"tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,64}"),
    prefix("scalingo-token", Cloud, "Scalingo API token", &["tk-us-"], r"tk-us-[\w-]{48}"),
    ctx("ngrok-authtoken", Cloud, "ngrok authtoken (in an assignment)", &["ngrok"], r"([0-9A-Za-z]{25,27}_[0-9A-Za-z]{20,22})"),
    // ---- source hosting ---------------------------------------------------------------------
    prefix("github-token", SourceHosting, "GitHub token (personal, OAuth, app, refresh)", &["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        r"gh[pousr]_[A-Za-z0-9]{36,251}"),
    prefix("github-fine-grained-token", SourceHosting, "GitHub fine-grained personal access token", &["github_pat_"],
        r"github_pat_[A-Za-z0-9_]{82}"),
    prefix("gitlab-pat", SourceHosting, "GitLab personal, project or group access token", &["glpat-"], r"glpat-[\w-]{20,300}"),
    prefix("gitlab-deploy-token", SourceHosting, "GitLab deploy token", &["gldt-"], r"gldt-[\w-]{20,300}"),
    prefix("gitlab-runner-token", SourceHosting, "GitLab runner authentication token", &["glrt-"], r"glrt-[\w-]{20,300}"),
    prefix("gitlab-runner-registration-token", SourceHosting, "GitLab runner registration token", &["GR1348941"], r"GR1348941[\w-]{20}"),
    prefix("gitlab-pipeline-trigger-token", SourceHosting, "GitLab pipeline trigger token", &["glptt-"], r"glptt-[0-9a-f]{40}"),
    prefix("gitlab-scim-token", SourceHosting, "GitLab SCIM token", &["glsoat-"], r"glsoat-[\w-]{20}"),
    prefix("gitlab-cicd-job-token", SourceHosting, "GitLab CI/CD job token", &["glcbt-"], r"glcbt-[0-9A-Za-z]{1,5}_[\w-]{20}"),
    prefix("gitlab-feature-flag-client-token", SourceHosting, "GitLab feature flag client token", &["glffct-"], r"glffct-[\w-]{20}"),
    prefix("gitlab-feed-token", SourceHosting, "GitLab feed token", &["glft-"], r"glft-[\w-]{20}"),
    prefix("gitlab-incoming-mail-token", SourceHosting, "GitLab incoming mail token", &["glimt-"], r"glimt-[\w-]{25}"),
    prefix("gitlab-kubernetes-agent-token", SourceHosting, "GitLab agent for Kubernetes token", &["glagent-"], r"glagent-[\w-]{50}"),
    prefix("gitlab-oauth-app-secret", SourceHosting, "GitLab OAuth application secret", &["gloas-"], r"gloas-[\w-]{64}"),
    prefix("gitlab-session-cookie", SourceHosting, "GitLab session cookie", &["_gitlab_session="], r"_gitlab_session=[0-9a-z]{32}").before(Edge::Any),
    prefix("bitbucket-app-password", SourceHosting, "Bitbucket app password", &["ATBB"], r"ATBB[A-Za-z0-9_=.-]{32}"),
    prefix("atlassian-api-token", SourceHosting, "Atlassian (Jira, Confluence) API token", &["ATATT3"], r"ATATT3[A-Za-z0-9_=-]{186}"),
    ctx("bitbucket-client-secret", SourceHosting, "Bitbucket OAuth client secret (in an assignment)", &["bitbucket"], r"([A-Za-z0-9_=-]{64})"),
    prefix("huggingface-token", SourceHosting, "Hugging Face user access token", &["hf_"], r"hf_[A-Za-z]{34}"),
    prefix("huggingface-org-token", SourceHosting, "Hugging Face organization API token", &["api_org_"], r"api_org_[A-Za-z]{34}"),
    prefix("sourcegraph-token", SourceHosting, "Sourcegraph access token", &["sgp_"], r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}"),
    // ---- CI/CD and developer tools ----------------------------------------------------------
    prefix("circleci-token", Ci, "CircleCI personal API token", &["CCIPAT_"], r"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}"),
    ctx("circleci-token-legacy", Ci, "CircleCI API token (in an assignment)", &["circleci", "circle_token"], HEX40),
    prefix("buildkite-token", Ci, "Buildkite API access token", &["bkua_"], r"bkua_[a-f0-9]{40}"),
    ctx("travis-ci-token", Ci, "Travis CI access token (in an assignment)", &["travis"], r"([A-Za-z0-9]{22})"),
    ctx("drone-ci-token", Ci, "Drone CI access token (in an assignment)", &["drone_token", "droneci"], r"([A-Za-z0-9]{32})"),
    ctx("jenkins-api-token", Ci, "Jenkins API token (in an assignment)", &["jenkins"], r"(11[a-f0-9]{32})"),
    prefix("sonarqube-token", Ci, "SonarQube / SonarCloud token", &["squ_", "sqp_", "sqa_"], r"sq[upa]_[a-f0-9]{40}"),
    ctx("snyk-token", Ci, "Snyk API token (in an assignment)", &["snyk"], UUID),
    ctx("codecov-token", Ci, "Codecov upload token (in an assignment)", &["codecov"], UUID),
    prefix("octopus-deploy-api-key", Ci, "Octopus Deploy API key", &["API-"], r"API-[A-Z0-9]{26}").after(Edge::Alnum),
    prefix("harness-api-key", Ci, "Harness API key", &["pat.", "sat."], r"(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}"),
    prefix("dockerhub-token", Ci, "Docker Hub personal or organization access token", &["dckr_pat_", "dckr_oat_"], r"dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}"),
    prefix("postman-api-key", Ci, "Postman API key", &["PMAK-"], r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
    prefix("infracost-api-key", Ci, "Infracost API key", &["ico-"], r"ico-[A-Za-z0-9]{32}"),
    prefix("prefect-api-key", Ci, "Prefect API key", &["pnu_"], r"pnu_[A-Za-z0-9]{36}"),
    prefix("readme-api-key", Ci, "ReadMe API key", &["rdme_"], r"rdme_[a-z0-9]{70}"),
    prefix("figma-token", Ci, "Figma personal access token", &["figd_"], r"figd_[\w-]{40}"),
    prefix("linear-api-key", Ci, "Linear API key", &["lin_api_"], r"lin_api_[A-Za-z0-9]{40}"),
    prefix("launchdarkly-key", Ci, "LaunchDarkly API or SDK key", &["api-", "sdk-"],
        r"(?:api|sdk)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"),
    prefix("settlemint-token", Ci, "SettleMint access token", &["sm_pat_", "sm_aat_", "sm_sat_"], r"sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}"),
    prefix("intra42-client-secret", Ci, "42 Intra client secret", &["s-s4t2"], r"s-s4t2(?:ud|af)-[a-f0-9]{64}"),
    ctx("sauce-labs-access-key", Ci, "Sauce Labs access key (in an assignment)", &["sauce_access_key", "saucelabs"], UUID),
    ctx("browserstack-access-key", Ci, "BrowserStack access key (in an assignment)", &["browserstack"], r"([A-Za-z0-9]{20})"),
    ctx("cypress-record-key", Ci, "Cypress Cloud record key (in an assignment)", &["cypress_record_key"], UUID),
    // ---- package registries -----------------------------------------------------------------
    prefix("npm-token", PackageRegistry, "npm access token", &["npm_"], r"npm_[A-Za-z0-9]{36}"),
    prefix("pypi-token", PackageRegistry, "PyPI API token", &["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
        r"pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}").window(1100),
    prefix("rubygems-api-key", PackageRegistry, "RubyGems API key", &["rubygems_"], r"rubygems_[a-f0-9]{48}"),
    prefix("nuget-api-key", PackageRegistry, "NuGet API key", &["oy2"], r"oy2[a-z0-9]{43}"),
    prefix("crates-io-token", PackageRegistry, "crates.io API token", &["cio"], r"cio[A-Za-z0-9]{32}"),
    prefix("clojars-token", PackageRegistry, "Clojars deploy token", &["CLOJARS_"], r"CLOJARS_[a-z0-9]{60}"),
    prefix("jfrog-token", PackageRegistry, "JFrog Artifactory API key or reference token", &["AKCp", "cmVmdGtuOj"],
        r"(?:AKCp[A-Za-z0-9]{69}|cmVmdGtuOj[A-Za-z0-9]{54})").after(Edge::Alnum),
    ctx("packagist-token", PackageRegistry, "Packagist API token (in an assignment)", &["packagist"], r"([A-Za-z0-9]{20,40})"),
    ctx("hex-pm-api-key", PackageRegistry, "Hex.pm API key (in an assignment)", &["hex_api_key", "hexpm"], HEX32),
    // ---- payments and commerce --------------------------------------------------------------
    prefix("paystack-secret-key", Payments, "Paystack secret key", &["sk_live_", "sk_test_"], r"sk_(?:live|test)_[a-f0-9]{40}"),
    prefix("stripe-secret-key", Payments, "Stripe secret or restricted key", &["sk_live_", "sk_test_", "rk_live_", "rk_test_", "sk_prod_", "rk_prod_"],
        r"[sr]k_(?:live|test|prod)_[A-Za-z0-9]{24,247}"),
    prefix("stripe-webhook-secret", Payments, "Stripe webhook signing secret", &["whsec_"], r"whsec_[A-Za-z0-9+/]{32,88}={0,2}"),
    prefix("braintree-access-token", Payments, "Braintree (PayPal) access token", &["access_token$production$", "access_token$sandbox$"],
        r"access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32}"),
    ctx("paypal-client-secret", Payments, "PayPal client secret (in an assignment)", &["paypal"], r"(E[A-Za-z0-9_-]{79})"),
    prefix("square-access-token", Payments, "Square access token", &["sq0atp-", "EAAA"], r"(?:EAAA|sq0atp-)[\w-]{22,60}"),
    prefix("square-oauth-secret", Payments, "Square OAuth secret", &["sq0csp-"], r"sq0csp-[\w-]{43}"),
    prefix("shopify-token", Payments, "Shopify access token or shared secret", &["shpat_", "shpca_", "shppa_", "shpss_"],
        r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    prefix("flutterwave-secret-key", Payments, "Flutterwave secret key", &["FLWSECK_TEST-", "FLWSECK-"],
        r"FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X"),
    prefix("plaid-access-token", Payments, "Plaid access token", &["access-sandbox-", "access-development-", "access-production-"],
        r"access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    ctx("plaid-secret", Payments, "Plaid secret (in an assignment)", &["plaid"], r"([a-f0-9]{30})"),
    prefix("paddle-api-key", Payments, "Paddle Billing API key", &["pdl_live_apikey_", "pdl_sdbx_apikey_"],
        r"pdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}"),
    ctx("gocardless-token", Payments, "GoCardless access token (in an assignment)", &["gocardless"], r"((?:live|sandbox)_[A-Za-z0-9_=-]{40})"),
    ctx("adyen-api-key", Payments, "Adyen API key (in an assignment)", &["adyen"], r"(AQE[A-Za-z0-9+/=_-]{80,300})"),
    ctx("razorpay-key-secret", Payments, "Razorpay key secret (in an assignment)", &["razorpay"], r"([A-Za-z0-9]{24})"),
    ctx("mollie-api-key", Payments, "Mollie API key (in an assignment)", &["mollie"], r"((?:live|test)_[A-Za-z0-9]{30})"),
    ctx("coinbase-token", Payments, "Coinbase access token (in an assignment)", &["coinbase"], r"([A-Za-z0-9_-]{64})"),
    prefix("shippo-token", Payments, "Shippo API token", &["shippo_live_", "shippo_test_"], r"shippo_(?:live|test)_[a-fA-F0-9]{40}"),
    prefix("easypost-api-key", Payments, "EasyPost API key", &["EZAK", "EZTK"], r"EZ[AT]K[A-Za-z0-9]{54}"),
    prefix("duffel-token", Payments, "Duffel API token", &["duffel_test_", "duffel_live_"], r"duffel_(?:test|live)_[A-Za-z0-9_=-]{43}"),
    ctx("lob-api-key", Payments, "Lob API key (in an assignment)", &["lob_api", "lob_key", "lob_secret"], r"((?:live|test)_[a-f0-9]{35})"),
    // ---- messaging and chat -----------------------------------------------------------------
    prefix("slack-token", Messaging, "Slack bot, user, workspace or refresh token", &["xoxa-", "xoxb-", "xoxe-", "xoxo-", "xoxp-", "xoxr-", "xoxs-"],
        r"xox[abeoprs]-(?:[0-9A-Za-z]+-)*[0-9A-Za-z]{10,250}").window(400),
    prefix("slack-config-token", Messaging, "Slack configuration access token", &["xoxe.xox"], r"xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}"),
    prefix("slack-app-token", Messaging, "Slack app-level token", &["xapp-"], r"xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]{32,80}"),
    prefix("slack-webhook-url", Messaging, "Slack incoming webhook URL", &["hooks.slack.com/services/"],
        r"hooks\.slack\.com/services/(T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})").before(Edge::Any).after(Edge::Alnum),
    prefix("slack-workflow-webhook-url", Messaging, "Slack workflow or trigger webhook URL", &["hooks.slack.com/workflows/", "hooks.slack.com/triggers/"],
        r"hooks\.slack\.com/(?:workflows|triggers)/(T[A-Z0-9]{6,12}/(?:[A-Za-z0-9]{6,20}/){1,2}[A-Za-z0-9]{20,48})").before(Edge::Any).after(Edge::Alnum),
    prefix("discord-webhook-url", Messaging, "Discord webhook URL", &["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
        r"discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,68})").before(Edge::Any),
    ctx("discord-bot-token", Messaging, "Discord bot token (in an assignment)", &["discord"],
        r"([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})"),
    prefix("telegram-bot-token", Messaging, "Telegram bot token", &[":AA"], r"[0-9]{8,10}:AA[0-9A-Za-z_-]{33}").back(10).window(40).before(Edge::Alnum),
    prefix("microsoft-teams-webhook-url", Messaging, "Microsoft Teams incoming webhook URL", &[".webhook.office.com/webhookb2/"],
        r"\.webhook\.office\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/([a-f0-9]{32})/[a-f0-9-]{36}").before(Edge::Any).window(200),
    prefix("twilio-api-key", Messaging, "Twilio API key SID", &["SK"], r"SK[0-9a-fA-F]{32}").after(Edge::Alnum),
    ctx("twilio-auth-token", Messaging, "Twilio auth token (in an assignment)", &["twilio"], HEX32),
    prefix("facebook-access-token", Messaging, "Facebook / Meta page or user access token", &["EAAM", "EAAC"], r"EAA[MC][A-Za-z0-9]{100,400}").window(420),
    prefix("twitter-bearer-token", Messaging, "X (Twitter) app bearer token", &["AAAAAAAAAAAAAAAAAAAAA"],
        r"A{21}([A-Za-z0-9%]{60,120})").window(150).after(Edge::Alnum),
    ctx("twitter-api-secret", Messaging, "X (Twitter) API or access secret (in an assignment)", &["twitter"], r"([A-Za-z0-9]{50}|[A-Za-z0-9]{45})"),
    ctx("mattermost-token", Messaging, "Mattermost access token (in an assignment)", &["mattermost"], r"([a-z0-9]{26})"),
    ctx("pusher-secret", Messaging, "Pusher app secret (in an assignment)", &["pusher"], r"([a-f0-9]{20})"),
    ctx("messagebird-api-key", Messaging, "MessageBird / Bird API key (in an assignment)", &["messagebird", "message_bird"], r"([A-Za-z0-9]{25})"),
    ctx("vonage-api-secret", Messaging, "Vonage (Nexmo) API secret (in an assignment)", &["vonage", "nexmo"], r"([A-Za-z0-9]{16})"),
    ctx("sendbird-token", Messaging, "Sendbird API token (in an assignment)", &["sendbird"], HEX40),
    ctx("line-channel-secret", Messaging, "LINE channel secret or access token (in an assignment)", &["line_channel"], r"([a-f0-9]{32}|[A-Za-z0-9+/=]{150,200})"),
    ctx("twitch-token", Messaging, "Twitch API token (in an assignment)", &["twitch"], r"([a-z0-9]{30})"),
    ctx("zoom-secret", Messaging, "Zoom client or webhook secret (in an assignment)", &["zoom"], r"([A-Za-z0-9]{32})"),
    // ---- mail -------------------------------------------------------------------------------
    prefix("sendgrid-api-key", Mail, "SendGrid API key", &["SG."], r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
    prefix("mailgun-api-key", Mail, "Mailgun private API key", &["key-"], r"key-[0-9a-zA-Z]{32}").after(Edge::Alnum),
    ctx("mailgun-signing-key", Mail, "Mailgun API or signing key (in an assignment)", &["mailgun"], r"([a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})"),
    prefix("mailchimp-api-key", Mail, "Mailchimp API key", &["-us"], r"[0-9a-f]{32}-us[0-9]{1,2}").back(32).window(8).after(Edge::Alnum),
    prefix("brevo-api-key", Mail, "Brevo (Sendinblue) API or SMTP key", &["xkeysib-", "xsmtpsib-"], r"x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}"),
    prefix("resend-api-key", Mail, "Resend API key", &["re_"], r"re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}"),
    ctx("postmark-token", Mail, "Postmark server or account token (in an assignment)", &["postmark"], UUID),
    ctx("sparkpost-api-key", Mail, "SparkPost API key (in an assignment)", &["sparkpost"], HEX40),
    ctx("mailjet-secret", Mail, "Mailjet API secret (in an assignment)", &["mailjet"], HEX32),
    ctx("mandrill-api-key", Mail, "Mandrill API key (in an assignment)", &["mandrill"], r"(md-[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{22})"),
    ctx("smtp-password", Mail, "SMTP password (in an assignment)", &["smtp_pass", "smtp_password", "email_host_password", "mail_password"],
        r#"([^\s'"`]{8,128})"#).entropy(3.0),
    // ---- AI APIs ----------------------------------------------------------------------------
    prefix("anthropic-api-key", Ai, "Anthropic API or admin key", &["sk-ant-"], r"sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,200}"),
    prefix("openrouter-api-key", Ai, "OpenRouter API key", &["sk-or-v1-"], r"sk-or-v1-[a-f0-9]{64}"),
    prefix("openai-api-key", Ai, "OpenAI API key (sk-…, project, service account, admin)", &["sk-"],
        r"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}|[A-Za-z0-9]{48}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})").window(320),
    ctx("deepseek-api-key", Ai, "DeepSeek API key (in an assignment)", &["deepseek"], r"(sk-[a-f0-9]{32})"),
    prefix("groq-api-key", Ai, "Groq API key", &["gsk_"], r"gsk_[A-Za-z0-9]{52}"),
    prefix("replicate-api-token", Ai, "Replicate API token", &["r8_"], r"r8_[A-Za-z0-9]{37}"),
    prefix("perplexity-api-key", Ai, "Perplexity API key", &["pplx-"], r"pplx-[A-Za-z0-9]{48}"),
    prefix("xai-api-key", Ai, "xAI API key", &["xai-"], r"xai-[A-Za-z0-9]{80}"),
    prefix("langsmith-api-key", Ai, "LangSmith API key", &["lsv2_pt_", "lsv2_sk_"], r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}"),
    prefix("cerebras-api-key", Ai, "Cerebras API key", &["csk-"], r"csk-[a-z0-9]{48}"),
    prefix("nvidia-api-key", Ai, "NVIDIA NGC / API catalog key", &["nvapi-"], r"nvapi-[A-Za-z0-9_-]{64}"),
    prefix("pinecone-api-key", Ai, "Pinecone API key", &["pcsk_"], r"pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}"),
    prefix("elevenlabs-api-key", Ai, "ElevenLabs API key", &["sk_"], r"sk_[a-f0-9]{48}").before(Edge::Token),
    prefix("fireworks-api-key", Ai, "Fireworks AI API key", &["fw_"], r"fw_[A-Za-z0-9]{24}"),
    ctx("cohere-api-key", Ai, "Cohere API key (in an assignment)", &["cohere", "co_api_key"], r"([A-Za-z0-9]{40})"),
    ctx("mistral-api-key", Ai, "Mistral AI API key (in an assignment)", &["mistral"], r"([A-Za-z0-9]{32})"),
    ctx("together-api-key", Ai, "Together AI API key (in an assignment)", &["together_api_key", "together_key"], HEX64),
    ctx("wandb-api-key", Ai, "Weights & Biases API key (in an assignment)", &["wandb"], HEX40),
    ctx("azure-openai-api-key", Ai, "Azure OpenAI key (in an assignment)", &["azure_openai", "aoai_key"], HEX32),
    ctx("assemblyai-api-key", Ai, "AssemblyAI API key (in an assignment)", &["assemblyai", "assembly_ai"], HEX32),
    ctx("deepgram-api-key", Ai, "Deepgram API key (in an assignment)", &["deepgram"], HEX40),
    // ---- databases and data platforms -------------------------------------------------------
    prefix("postgres-url-password", Database, "PostgreSQL URL with a password", &["postgres://", "postgresql://"], DB_URL).before(Edge::Token).window(400).after(Edge::Any),
    prefix("mysql-url-password", Database, "MySQL / MariaDB URL with a password", &["mysql://", "mariadb://", "mysql+pymysql://"], DB_URL).before(Edge::Token).window(400).after(Edge::Any),
    prefix("mongodb-url-password", Database, "MongoDB URL with a password", &["mongodb://", "mongodb+srv://"], DB_URL).before(Edge::Token).window(400).after(Edge::Any),
    prefix("redis-url-password", Database, "Redis URL with a password", &["redis://", "rediss://"], DB_URL).before(Edge::Token).window(400).after(Edge::Any),
    prefix("amqp-url-password", Database, "AMQP (RabbitMQ) URL with a password", &["amqp://", "amqps://"], DB_URL).before(Edge::Token).window(400).after(Edge::Any),
    prefix("sqlserver-connection-password", Database, "SQL Server / ADO.NET connection string password", &["Password=", "Pwd="],
        r#"(?:Password|Pwd)=([^;'"\s]{6,128})"#).before(Edge::Token).after(Edge::Any).entropy(3.0),
    prefix("planetscale-token", Database, "PlanetScale token or password", &["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
        r"pscale_(?:tkn|pw|oauth)_[\w=.-]{32,64}"),
    prefix("supabase-token", Database, "Supabase access token or secret key", &["sbp_", "sb_secret_"], r"(?:sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_-]{31,64})"),
    prefix("neon-api-key", Database, "Neon API key", &["napi_"], r"napi_[a-z0-9]{64}"),
    prefix("databricks-token", Database, "Databricks access token", &["dapi"], r"dapi[a-f0-9]{32}(?:-[0-9])?"),
    prefix("clickhouse-cloud-secret", Database, "ClickHouse Cloud API secret", &["4b1d"], r"4b1d[A-Za-z0-9]{38}").after(Edge::Alnum),
    prefix("airtable-pat", Database, "Airtable personal access token", &["pat"], r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}"),
    ctx("airtable-api-key", Database, "Airtable API key (legacy, in an assignment)", &["airtable"], r"(key[A-Za-z0-9]{14})"),
    prefix("firebase-fcm-server-key", Database, "Firebase Cloud Messaging server key", &[":APA91b"],
        r"AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}").back(11).window(150).before(Edge::Alnum),
    ctx("snowflake-password", Database, "Snowflake password or key (in an assignment)", &["snowflake_password", "snowsql_pwd"],
        r#"([^\s'"`]{8,128})"#).entropy(3.0),
    ctx("elastic-api-key", Database, "Elastic / Elasticsearch API key (in an assignment)", &["elastic", "es_api_key"], r"([A-Za-z0-9_-]{20,24}:[A-Za-z0-9_-]{22}|[A-Za-z0-9+/]{56,100}={0,2})"),
    ctx("confluent-secret", Database, "Confluent Cloud API secret (in an assignment)", &["confluent"], r"([A-Za-z0-9+/]{64})"),
    ctx("upstash-token", Database, "Upstash REST token (in an assignment)", &["upstash"], r"(A[A-Za-z0-9_-]{60,100}=?)"),
    ctx("mongodb-atlas-private-key", Database, "MongoDB Atlas API private key (in an assignment)", &["atlas_private_key", "mongodb_atlas"], UUID),
    ctx("influxdb-token", Database, "InfluxDB token (in an assignment)", &["influx"], r"([A-Za-z0-9_-]{86}==)"),
    ctx("algolia-admin-key", Database, "Algolia admin API key (in an assignment)", &["algolia"], HEX32),
    // ---- observability ----------------------------------------------------------------------
    ctx("datadog-api-key", Observability, "Datadog API or application key (in an assignment)", &["datadog", "dd_api_key", "dd_app_key", "dd_application_key"],
        r"([a-f0-9]{40}|[a-f0-9]{32})"),
    prefix("newrelic-user-api-key", Observability, "New Relic user API key", &["NRAK-"], r"NRAK-[A-Z0-9]{27}"),
    prefix("newrelic-insert-key", Observability, "New Relic insert key", &["NRII-"], r"NRII-[A-Za-z0-9_-]{32}"),
    prefix("newrelic-license-key", Observability, "New Relic ingest licence key", &["NRAL"], r"[a-f0-9]{36}NRAL").back(36).window(8).after(Edge::Alnum),
    prefix("newrelic-browser-key", Observability, "New Relic browser API key", &["NRJS-"], r"NRJS-[a-f0-9]{19}"),
    prefix("sentry-org-token", Observability, "Sentry organization auth token", &["sntrys_eyJ"], r"sntrys_eyJ[A-Za-z0-9+/=_-]{80,600}").window(620).after(Edge::Base64),
    prefix("sentry-user-token", Observability, "Sentry user auth token", &["sntryu_"], r"sntryu_[a-f0-9]{64}"),
    ctx("sentry-auth-token-legacy", Observability, "Sentry auth token (legacy, in an assignment)", &["sentry"], HEX64),
    prefix("grafana-cloud-token", Observability, "Grafana Cloud access policy token", &["glc_"], r"glc_[A-Za-z0-9+/]{32,400}={0,2}").window(420).after(Edge::Base64),
    prefix("grafana-service-account-token", Observability, "Grafana service account token", &["glsa_"], r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
    prefix("grafana-api-key", Observability, "Grafana API key (legacy)", &["eyJrIjoi"], r"eyJrIjoi[A-Za-z0-9]{70,400}={0,2}").window(420).after(Edge::Base64),
    prefix("dynatrace-token", Observability, "Dynatrace API token", &["dt0c01."], r"dt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}"),
    prefix("honeycomb-api-key", Observability, "Honeycomb ingest or configuration key", &["hcaik_", "hcxik_", "hcamk_", "hcxmk_"],
        r"hc(?:aik|xik|amk|xmk)_[A-Za-z0-9]{40,80}"),
    prefix("axiom-token", Observability, "Axiom API or personal token", &["xaat-", "xapt-"], r"xa[ap]t-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"),
    ctx("splunk-hec-token", Observability, "Splunk HEC token (in an assignment)", &["splunk"], UUID),
    ctx("pagerduty-api-key", Observability, "PagerDuty API key (in an assignment)", &["pagerduty"], r"([A-Za-z0-9_+-]{20})"),
    ctx("opsgenie-api-key", Observability, "Opsgenie API key (in an assignment)", &["opsgenie"], UUID),
    ctx("rollbar-token", Observability, "Rollbar access token (in an assignment)", &["rollbar"], HEX32),
    ctx("bugsnag-api-key", Observability, "Bugsnag API key (in an assignment)", &["bugsnag"], HEX32),
    ctx("sumologic-access-key", Observability, "Sumo Logic access key (in an assignment)", &["sumologic", "sumo_access"], r"([A-Za-z0-9]{64})"),
    ctx("logdna-ingestion-key", Observability, "Mezmo (LogDNA) ingestion key (in an assignment)", &["logdna", "mezmo"], HEX32),
    ctx("lightstep-token", Observability, "Lightstep / ServiceNow Cloud Observability token (in an assignment)", &["lightstep"], r"([A-Za-z0-9+/]{84,200}={0,2})"),
    // ---- secret managers and identity -------------------------------------------------------
    prefix("hashicorp-vault-token", SecretManager, "HashiCorp Vault service, batch or recovery token", &["hvs.", "hvb.", "hvr."], r"hv[sbr]\.[A-Za-z0-9_-]{90,300}").window(320),
    prefix("doppler-token", SecretManager, "Doppler token", &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}"),
    prefix("1password-service-account-token", SecretManager, "1Password service account token", &["ops_eyJ"], r"ops_eyJ[A-Za-z0-9+/]{250,2000}={0,3}").window(2100).after(Edge::Base64),
    prefix("1password-secret-key", SecretManager, "1Password account Secret Key", &["A3-"],
        r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}").after(Edge::Alnum),
    ctx("okta-api-token", SecretManager, "Okta API token (in an assignment)", &["okta"], r"(00[A-Za-z0-9_-]{40})"),
    ctx("auth0-client-secret", SecretManager, "Auth0 client secret (in an assignment)", &["auth0"], r"([A-Za-z0-9_-]{64})"),
    ctx("akeyless-access-key", SecretManager, "Akeyless access key (in an assignment)", &["akeyless"], r"([A-Za-z0-9+/]{43}=)"),
    ctx("infisical-token", SecretManager, "Infisical token (in an assignment)", &["infisical"], r"(st\.[a-f0-9-]{36}\.[a-f0-9]{32}\.[a-f0-9]{32})"),
    ctx("bitwarden-access-token", SecretManager, "Bitwarden Secrets Manager access token (in an assignment)", &["bws_access_token", "bitwarden"],
        r"(0\.[a-f0-9-]{36}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==)"),
    ctx("keycloak-client-secret", SecretManager, "Keycloak client secret (in an assignment)", &["keycloak"], r"([A-Za-z0-9]{32})"),
    // ---- private keys and keystores ---------------------------------------------------------
    prefix("private-key-block", PrivateKey, "PEM, OpenSSH or PGP private key block with key material", &["-----BEGIN "],
        // The header, optional `Name: value` header lines, then key material.
        r"-----BEGIN [A-Z0-9 _-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])+(?:[A-Za-z-]+:[^\r\n\\]*(?:\s|\\[rn])+)*([A-Za-z0-9+/=]{40})")
        .window(4096).before(Edge::Any).after(Edge::Any),
    prefix("private-key-base64", PrivateKey, "Base64-encoded PEM private key (kubeconfig, CI variable)", &["LS0tLS1CRUdJTi"],
        r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{0,60}?(?:UFJJVkFURSBLRVkt|BSSVZBVEUgS0VZLS0t|QUklWQVRFIEtFWS0t)([A-Za-z0-9+/]{40})")
        .window(200).before(Edge::Alnum).after(Edge::Any),
    prefix("putty-private-key", PrivateKey, "PuTTY private key file", &["PuTTY-User-Key-File-"],
        r"PuTTY-User-Key-File-[23]: [^\r\n]{3,64}\r?\nEncryption: [^\r\n]{1,32}\r?\nComment: [^\r\n]{0,256}\r?\nPublic-Lines: [0-9]+\r?\n[\s\S]{0,8192}?Private-Lines: [0-9]+\r?\n([A-Za-z0-9+/=]{40})")
        .window(12 * 1024).before(Edge::Any).after(Edge::Any),
    prefix("age-secret-key", PrivateKey, "age secret key", &["AGE-SECRET-KEY-1"], r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
    prefix("wireguard-private-key", PrivateKey, "WireGuard private key (in a config)", &["PrivateKey"],
        r"PrivateKey[ \t]*=[ \t]*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)").after(Edge::Base64),
    ctx("keystore-password", PrivateKey, "Java / Android keystore or key password (in an assignment)",
        &["storePassword", "keyPassword", "keystorePassword", "keystore_password", "keystore.password", "key_password", "store_password", "storepass", "keypass"],
        r#"([^\s'"`,;]{6,128})"#).entropy(2.5),
    ctx("pkcs12-password", PrivateKey, "PKCS#12 / PFX password (in an assignment)", &["pfx_password", "p12_password", "pkcs12_password", "certificate_password"],
        r#"([^\s'"`,;]{6,128})"#).entropy(2.5),
    // ---- other SaaS APIs --------------------------------------------------------------------
    prefix("jwt", Saas, "JSON Web Token", &["eyJ"], r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*")
        .window(16 * 1024).before(Edge::Token),
    prefix("mapbox-secret-token", Saas, "Mapbox secret access token", &["sk.eyJ"], r"sk\.eyJ[A-Za-z0-9_-]{50,400}\.[A-Za-z0-9_-]{20,}"),
    prefix("contentful-token", Saas, "Contentful personal access token", &["CFPAT-"], r"CFPAT-[A-Za-z0-9_-]{43}"),
    prefix("notion-token", Saas, "Notion integration token", &["ntn_", "secret_"], r"(?:ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})"),
    prefix("dropbox-token", Saas, "Dropbox short-lived access token", &["sl."], r"sl\.(?:u\.)?[A-Za-z0-9_-]{130,1400}").window(1420),
    prefix("typeform-token", Saas, "Typeform personal access token", &["tfp_"], r"tfp_[A-Za-z0-9_.=-]{59}"),
    prefix("frameio-token", Saas, "Frame.io API token", &["fio-u-"], r"fio-u-[A-Za-z0-9_=-]{64}"),
    prefix("adobe-client-secret", Saas, "Adobe client secret", &["p8e-"], r"p8e-[A-Za-z0-9]{32}"),
    prefix("hubspot-private-app-token", Saas, "HubSpot private app token", &["pat-na1-", "pat-eu1-"],
        r"pat-(?:na|eu)1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"),
    ctx("hubspot-api-key", Saas, "HubSpot API key (legacy, in an assignment)", &["hubspot"], UUID),
    prefix("salesforce-access-token", Saas, "Salesforce access token", &["00D"], r"00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,120}"),
    prefix("maxmind-license-key", Saas, "MaxMind licence key", &["_mmk"], r"[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk").back(36).window(8),
    prefix("zapier-webhook-url", Saas, "Zapier catch hook URL", &["hooks.zapier.com/hooks/catch/"],
        r"hooks\.zapier\.com/hooks/catch/[0-9]{5,12}/([a-z0-9]{6,12})").before(Edge::Any),
    ctx("zendesk-api-token", Saas, "Zendesk API token (in an assignment)", &["zendesk"], r"([A-Za-z0-9]{40})"),
    ctx("freshdesk-api-key", Saas, "Freshdesk API key (in an assignment)", &["freshdesk"], r"([A-Za-z0-9]{20})"),
    ctx("intercom-token", Saas, "Intercom access token (in an assignment)", &["intercom"], r"([A-Za-z0-9=_-]{60})"),
    ctx("asana-token", Saas, "Asana personal access token (in an assignment)", &["asana"], r"([0-9]/[0-9]{16}:[A-Za-z0-9]{32}|[0-9]/[0-9]{16,}/[0-9]{16,}:[a-f0-9]{32})"),
    ctx("trello-token", Saas, "Trello API token (in an assignment)", &["trello"], r"(ATTA[A-Za-z0-9]{60,70}|[a-f0-9]{64})"),
    ctx("shopify-storefront-secret", Saas, "Shopify API secret (in an assignment)", &["shopify_api_secret", "shopify_secret"], HEX32),
    ctx("segment-write-key", Saas, "Segment write key (in an assignment)", &["segment_write_key"], r"([A-Za-z0-9]{32})"),
    ctx("mixpanel-secret", Saas, "Mixpanel API secret (in an assignment)", &["mixpanel"], HEX32),
    ctx("fastly-api-token", Saas, "Fastly API token (in an assignment)", &["fastly"], r"([A-Za-z0-9_-]{32})"),
    ctx("rapidapi-key", Saas, "RapidAPI key (in an assignment)", &["rapidapi"], r"([A-Za-z0-9_-]{50})"),
    ctx("cloudinary-api-secret", Saas, "Cloudinary API secret (in an assignment)", &["cloudinary"], r"([A-Za-z0-9_-]{27})"),
    prefix("cloudinary-url", Saas, "Cloudinary URL with its API secret", &["cloudinary://"], r"cloudinary://[0-9]{10,16}:([A-Za-z0-9_-]{20,40})@[a-z0-9_-]{2,64}").before(Edge::Token),
    ctx("github-oauth-client-secret", Saas, "GitHub OAuth app client secret (in an assignment)", &["github_client_secret", "gh_client_secret"], HEX40),
    ctx("facebook-app-secret", Saas, "Facebook app secret (in an assignment)", &["facebook", "fb_app_secret"], HEX32),
    ctx("linkedin-client-secret", Saas, "LinkedIn client secret (in an assignment)", &["linkedin"], r"([A-Za-z0-9]{16})"),
    ctx("etsy-api-key", Saas, "Etsy API key (in an assignment)", &["etsy"], r"([a-z0-9]{24})"),
    ctx("nytimes-api-key", Saas, "New York Times API key (in an assignment)", &["nytimes"], r"([A-Za-z0-9]{32})"),
    ctx("sidekiq-credentials", Saas, "Sidekiq Pro/Enterprise credentials (in an assignment)",
        &["bundle_enterprise__contribsys__com", "bundle_gems__contribsys__com"], r"([a-f0-9]{8}:[a-f0-9]{8})"),
    // ---- generic ----------------------------------------------------------------------------
    prefix("url-credentials", Generic, "Password in an http(s) or ftp URL", &["https://", "http://", "ftp://"],
        r"(?:https?|ftp)://[^\s:@/'`]{1,64}:([^\s:@/'`]{6,128})@[A-Za-z0-9._\-]{1,255}").before(Edge::Token).after(Edge::Any).entropy(3.0),
    prefix("authorization-basic", Generic, "HTTP Basic authorization header", &["Basic ", "basic "],
        r"[Bb]asic ([A-Za-z0-9+/]{16,512}={0,2})").before(Edge::Alnum).after(Edge::Base64).entropy(3.0),
    prefix("authorization-bearer", Generic, "HTTP Bearer authorization header", &["Bearer ", "bearer "],
        r"[Bb]earer ([A-Za-z0-9._~+/-]{20,2048}={0,2})").before(Edge::Alnum).after(Edge::Base64).entropy(3.5).window(2100),
    ctx("generic-api-key", Generic, "A secret-like value assigned to a key, token or secret",
        &["key", "token", "secret", "credential", "auth"],
        r#"([A-Za-z0-9+/_.~-][A-Za-z0-9+/=_.~-]{15,255})(?:["'`;,\s\\]|\z)"#).after(Edge::Any).entropy(3.5),
    ctx("generic-password", Generic, "A password assigned in code or configuration",
        &["password", "passwd", "pwd", "pass"],
        r#"["'`]([^\s'"`\\]{8,128})["'`]"#).after(Edge::Any).entropy(3.0),
];

// ---------------------------------------------------------------------------------------------
// Placeholders

/// SHA-256 of keys printed in providers' documentation and tutorials, which appear in
/// thousands of repositories and are not secrets (kept as hashes so that this file does not
/// itself look like it leaks them).
const KNOWN_SAMPLES: &[&str] = &[
    "3543c50b0cb9cea8e55eb1f529b79f043cb250d485fde7b66cabbb5183add7da", // GitHub docs ghp_ example
    "2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326", // Stripe docs test key
    "f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397", // Stripe docs test key
    "7e8de44ea9ecf6d53415c90f5b249a8591f7abafbf7d65a2c0d855afeca3ec09", // Stripe docs test key
    "7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606", // jwt.io example token
    "ac9265e56c79b234607ec72c53753cfea9f88c99eb713790ddf9be5593bb4465", // Google Maps docs key
];

/// Words that mark a value as a stand-in (checked case-insensitively).
const PLACEHOLDER_WORDS: &[&str] = &[
    "example",
    "sample",
    "placeholder",
    "dummy",
    "changeme",
    "change_me",
    "your_",
    "your-",
    "yourkey",
    "yourtoken",
    "insert",
    "redacted",
    "notreal",
    "not_a_real",
    "fake",
    "xxxx",
    "****",
    "....",
    "0000",
    "<",
    ">",
    "${",
    "{{",
    "%s",
    "abcdefgh",
    "12345678",
];

/// Whether `whole` (the match) or `part` (its checked part) is a placeholder or a documented
/// example rather than a key.
pub(super) fn is_placeholder(whole: &[u8], part: &[u8]) -> bool {
    let digest = Sha256::digest(whole);
    let hexed = hex::encode(digest);
    if KNOWN_SAMPLES.contains(&hexed.as_str()) {
        return true;
    }
    let lower = part.to_ascii_lowercase();
    if PLACEHOLDER_WORDS
        .iter()
        .any(|w| contains(&lower, w.as_bytes()))
    {
        return true;
    }
    // A character repeated six times in a row, or too few distinct characters.
    let mut run = 1;
    for w in part.windows(2) {
        run = if w[0] == w[1] { run + 1 } else { 1 };
        if run >= 6 {
            return true;
        }
    }
    if part.len() >= 8 {
        let mut seen = [false; 256];
        let distinct = part
            .iter()
            .filter(|&&b| !std::mem::replace(&mut seen[b as usize], true))
            .count();
        if distinct <= 4 {
            return true;
        }
    }
    false
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Shannon entropy in bits per byte.
pub(super) fn entropy(data: &[u8]) -> f32 {
    if data.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in data {
        counts[b as usize] += 1;
    }
    let n = data.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / n;
            -p * p.log2()
        })
        .sum()
}

/// Whether a value assigned to a generic keyword is a name in code rather than a key: a
/// `snake_case` or `UPPER_CASE` identifier, or one with an underscore and at most one digit
/// (`MI_UserCredentials_0`); unquoted, any identifier with at most one digit or that ends a
/// statement or is followed by code (`x = fts5CreateTokenizer;`, `KEY: SomeType2 = 1`); `next` is the
/// first byte after the value that is not a space or tab. Hex digits with dashes (a UUID) are not names.
pub(super) fn identifier_like(v: &[u8], quoted: bool, next: Option<u8>) -> bool {
    if v.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-') {
        return false;
    }
    let is_ident = v
        .first()
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        && v.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_');
    if !is_ident {
        return false;
    }
    let digits = v.iter().filter(|b| b.is_ascii_digit()).count();
    let code_follows = matches!(
        next,
        Some(b';' | b'=' | b'(' | b')' | b',' | b'<' | b'>' | b'{')
    );
    if !quoted && (digits <= 1 || code_follows) {
        return true;
    }
    if !v.contains(&b'_') {
        return false;
    }
    let lower = v.iter().any(u8::is_ascii_lowercase);
    let upper = v.iter().any(u8::is_ascii_uppercase);
    !lower || !upper || digits <= 1
}

/// The entropy rule: enough bits per byte, and a digit and a letter.
pub(super) fn random_enough(part: &[u8], min_entropy: f32) -> bool {
    min_entropy <= 0.0
        || (entropy(part) >= min_entropy
            && part.iter().any(u8::is_ascii_digit)
            && part.iter().any(u8::is_ascii_alphabetic))
}

#[cfg(test)]
mod tests;
