"""Use-case texts with the risk profiles a careful reviewer would attach (`expected`) and those that would be
wrong (`unexpected`); profiles in neither set are left to judgement. Written before the matcher was tuned."""

CASES: list[tuple[str, set[str], set[str]]] = [
    # Lending & credit
    ("credit scoring for small-business loans", {"lending"}, {"hiring", "healthcare", "education"}),
    (
        "We approve or decline buy-now-pay-later purchases at checkout from a shopper's order history.",
        {"lending"},
        {"hiring", "biometrics"},
    ),
    (
        "A model that predicts which mortgage applicants will default in their first two years.",
        {"lending"},
        {"education"},
    ),
    ("Setting credit card limits for new customers of a neobank", {"lending"}, {"healthcare"}),
    # Insurance
    ("Pricing life insurance premiums from applicants' medical questionnaires", {"insurance"}, {"hiring"}),
    (
        "We triage car insurance claims and flag the ones an adjuster should look at first.",
        {"insurance"},
        {"education"},
    ),
    ("underwriting home insurance policies using satellite imagery of roofs", {"insurance"}, {"hiring"}),
    # Hiring & employment
    ("Ranking CVs for our recruiters so they interview the best candidates first", {"hiring"}, {"lending"}),
    ("An HR tool that predicts which employees are likely to quit next quarter", {"hiring"}, {"lending", "healthcare"}),
    ("Screening job applicants with recorded video interviews", {"hiring"}, {"lending"}),
    ("We schedule warehouse shifts and rate pickers' productivity automatically.", {"hiring"}, {"lending"}),
    # Education
    ("Automated grading of student essays for secondary schools", {"education"}, {"lending", "hiring"}),
    ("Predicting which university students are at risk of dropping out", {"education"}, {"lending"}),
    ("An admissions model that shortlists applicants to a university programme", {"education"}, {"healthcare"}),
    ("Proctoring online exams by watching students through their webcam", {"education"}, {"lending"}),
    # Healthcare
    ("Detecting diabetic retinopathy in retinal photographs at eye clinics", {"healthcare"}, {"lending", "hiring"}),
    ("A triage model that predicts which emergency-room patients need a bed", {"healthcare"}, {"lending"}),
    ("Summarising doctors' notes from electronic health records", {"healthcare"}, {"lending", "hiring"}),
    ("We forecast sepsis risk for ICU patients from their vital signs.", {"healthcare"}, {"education"}),
    # Law enforcement
    ("Predictive policing: where to send patrols tonight", {"law-enforcement"}, {"healthcare", "lending"}),
    ("Helping detectives link burglary reports that look like the same offender", {"law-enforcement"}, {"lending"}),
    # Critical infrastructure
    ("Controlling water treatment plant dosing with reinforcement learning", {"critical-infrastructure"}, {"hiring"}),
    ("Forecasting load on the electricity grid to balance power plants", {"critical-infrastructure"}, {"hiring"}),
    ("Anomaly detection on SCADA telemetry from gas pipelines", {"critical-infrastructure"}, {"education"}),
    # Biometrics
    ("Face recognition to let employees into the office building", {"biometrics"}, {"lending"}),
    ("Verifying a customer's identity by matching a selfie to their passport photo", {"biometrics"}, {"education"}),
    ("Recognising people in CCTV footage of a shopping centre", {"biometrics"}, {"education"}),
    # Public services
    ("Deciding which welfare benefit claims a caseworker should investigate for fraud", {"public-services"}, set()),
    ("Prioritising social housing applications for a city council", {"public-services"}, {"healthcare"}),
    # Justice & elections
    ("Recidivism risk scores to help judges set bail", {"justice"}, {"education"}),
    ("Drafting summaries of court rulings for judges", {"justice"}, {"healthcare"}),
    # Not high-risk: nothing should be attached
    ("Recommending products in an online fashion store", set(), {"lending", "hiring", "healthcare", "biometrics"}),
    (
        "Forecasting weekly demand for a chain of bakeries",
        set(),
        {"lending", "hiring", "healthcare", "critical-infrastructure"},
    ),
    ("Tagging support tickets by topic for a SaaS company", set(), {"lending", "hiring", "healthcare", "justice"}),
    ("Detecting defects on a car-parts assembly line from camera images", set(), {"lending", "hiring", "biometrics"}),
    (
        "Translating our product documentation into twelve languages",
        set(),
        {"lending", "hiring", "education", "justice"},
    ),
    ("Generating playlists from what people listen to", set(), {"lending", "hiring", "healthcare"}),
    ("We classify satellite images of crops to estimate harvests.", set(), {"lending", "hiring", "biometrics"}),
]
