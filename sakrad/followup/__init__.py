"""The yearly follow-up report (uppföljningsrapport) of each convening body, frozen when it is
published, and the installation-wide report built only from the published ones."""
