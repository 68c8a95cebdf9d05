/// The repository's default rule set (`deploy/rules/default.yaml`), compiled into the service so
/// that a fresh database gets it as its first active rule set without any file to deploy.
///
/// A unit test checks that this text is the file in deploy/rules byte for byte (the literal
/// omits the file's final newline): edit the file, then paste it here.
public enum DefaultRules {
    public static let fileName = "deploy/rules/default.yaml"

    public static let yaml = #"""
# LeadTrac default prioritisation rules.
#
# Mission order (DOMAIN.md, "Prioritisation"): national-security concerns first (P1), then
# public safety, i.e. open wants and warrants and criminal history (P2), then the rest (P3).
# Leads that reach no tier are "below threshold": they are not worked here but extracted
# every week for another enforcement office to consider.
#
# How a score is made (the rule language: Services/Prioritizer/Core/PrioritizerCore.docc/RuleLanguage.md):
#   - every rule whose `when` holds "fires"; rules do not see each other and order does not matter;
#   - the points of the fired rules are added up (points may be negative);
#   - the priority is the first tier whose min_points the total reaches, raised to the highest
#     `minimum_tier` of any fired rule; with neither, the lead is below threshold;
#   - a comparison on a missing fact is false (`ne` and `not_in` too); `missing`, `exists` and
#     `not` are the ways to act on absence.
#
# The point scale keeps the mission order by points alone, and the minimum tiers make it hold
# even when deductions apply:
#   national security      1000 points  (P1 starts at 1000)
#   public safety           100-200     (P2 starts at 100; the other rules give one lead at most 85)
#   the rest                 5-30 each  (P3 starts at 20, which is also the below-threshold cut-off)
#
# Departed and protected subjects (decision recorded here, review with the supervisors):
#   - subject.departed: the subject has left the country, so an ordinary lead is non-viable;
#     -300 points puts any lead without a minimum tier below threshold, criminal history
#     included. National-security and wants-and-warrants leads keep their minimum tier
#     (P1/P2): departure records can be wrong, the person can return, and those leads need a
#     person's decision either way.
#   - subject.protected (asylum seekers, refugees, victims protected by statute): the same
#     -300 and a `protected` tag, so ordinary leads about protected people are not worked;
#     national-security and wants-and-warrants leads still reach P1/P2 for a person to review,
#     and the tag warns that nothing about the subject may be disclosed to providers or partners.

version: "2025.06"
description: Default LeadTrac prioritisation (national security, public safety, the rest).

tiers:                      # highest first; min_points strictly decreasing
  - name: P1
    min_points: 1000
  - name: P2
    min_points: 100
  - name: P3
    min_points: 20          # the lowest tier's min_points is the below-threshold cut-off

rules:
  # --- National security (P1) ---------------------------------------------------------------
  - name: national-security-indicator
    description: An upstream system flagged a national-security concern.
    when: { fact: risk.national_security, eq: true }
    points: 1000
    minimum_tier: P1
    tags: [national-security]

  - name: visa-revoked-national-security
    description: The visa was revoked on national-security grounds.
    when: { fact: lead.category, eq: visaRevokedNationalSecurity }
    points: 1000
    minimum_tier: P1
    tags: [national-security]

  # --- Public safety (P2) -------------------------------------------------------------------
  - name: open-wants-or-warrants
    description: Open wants or warrants are recorded against the subject.
    when: { fact: risk.wants_warrants, eq: true }
    points: 200
    minimum_tier: P2
    tags: [public-safety]

  - name: wanted-notice
    description: The lead is itself a wanted notice.
    when: { fact: lead.category, eq: wantedNotice }
    points: 200
    minimum_tier: P2
    tags: [public-safety]

  - name: criminal-history
    description: >
      The subject has a criminal history. Reaches P2 by points; no minimum tier, so a departed
      or protected subject with criminal history alone falls below threshold.
    when: { fact: risk.criminal_history, eq: true }
    points: 100
    tags: [public-safety]

  # --- The rest (P3) ------------------------------------------------------------------------
  # Overstay length: the three rules add up (10, 20 or 30 points).
  - name: overstay
    description: The admitted-until date has passed.
    when: { fact: days_overstayed, ge: 1 }
    points: 10
    tags: [overstay]

  - name: overstay-over-180-days
    when: { fact: days_overstayed, ge: 180 }
    points: 10

  - name: overstay-over-a-year
    when: { fact: days_overstayed, ge: 365 }
    points: 10

  - name: status-violation
    description: Another violation of the terms of admission.
    when: { fact: lead.category, eq: statusViolation }
    points: 20

  - name: absent-without-leave
    description: Absent without leave from a sponsored programme.
    when: { fact: lead.category, eq: absentWithoutLeave }
    points: 20

  - name: fraud
    description: Flight-school or credential fraud.
    when: { fact: lead.category, eq: fraud }
    points: 25
    tags: [fraud]

  - name: organisation-compliance
    description: A school or exchange programme suspected of a compliance violation.
    when:
      all:
        - { fact: lead.kind, eq: organisation }
        - { fact: lead.category, eq: organisationCompliance }
    points: 20

  # Locatability: a lead is viable only if the subject is believed to be at a US address.
  - name: recent-us-address
    description: A US address was valid within the last 180 days.
    when: { fact: address.us_last_seen, within_days: 180 }
    points: 15
    tags: [locatable]

  - name: provider-current-address
    description: A commercial provider returned a current address (confirmed by an analyst).
    when: { fact: enrichment.has_current_address, eq: true }
    points: 5
    tags: [locatable]

  - name: no-known-us-address
    description: A person with no US address on record and none from a provider.
    when:
      all:
        - { fact: lead.kind, eq: person }
        - { missing: address.us_last_seen }
        - not: { fact: enrichment.has_current_address, eq: true }
    points: -10
    tags: [no-address]

  - name: repeat-subject
    description: The subject already had two or more leads.
    when: { fact: subject.prior_leads, ge: 2 }
    points: 10
    tags: [repeat-subject]

  # --- Deductions (see the header for the decision) ----------------------------------------
  - name: subject-departed
    description: The subject has departed; ordinary leads are non-viable.
    when: { fact: subject.departed, eq: true }
    points: -300
    tags: [departed]

  - name: protected-subject
    description: The subject is under special legal protection; never disclosed outside.
    when: { fact: subject.protected, eq: true }
    points: -300
    tags: [protected]
"""#
}
