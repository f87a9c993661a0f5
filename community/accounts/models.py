from django.conf import settings
from django.db import models
from django.urls import reverse

MIN_REPUTATION = 1


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    reputation = models.IntegerField(default=MIN_REPUTATION)
    bio = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(reputation__gte=MIN_REPUTATION), name="profile_reputation_floor")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.reputation})"

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.user.username])
