"""The referral policy: one module, rules as reviewed data, used by generator, grader and course."""

from policy.decide import DEFAULT_SETTINGS, GroundTruth, PolicySettings, decide, decision_record

__all__ = ["DEFAULT_SETTINGS", "GroundTruth", "PolicySettings", "decide", "decision_record"]
