from django.urls import path

from recommender.stacks import views

app_name = "stacks"
urlpatterns = [
    path("recommend/", views.recommend, name="recommend"),
    path("recommendations/", views.my_recommendations, name="mine"),
    path("recommendations/<uuid:pk>/", views.recommendation_detail, name="recommendation"),
    path("recommendations/<uuid:pk>/rate/", views.rate, name="rate"),
]
