#pragma once
// Random stream ids. World streams are keyed by world_seed, phase streams by seed, so
// "same world, different history" replicates differ only in the phases' draws.
#include "core/rng.hpp"

namespace grassroots::model::stream {

inline constexpr core::StreamId kCohorts = 1;
inline constexpr core::StreamId kInitiallyOnline = 2;
inline constexpr core::StreamId kInterests = 3;
inline constexpr core::StreamId kCreatorChoice = 4;
inline constexpr core::StreamId kCreatorTraits = 5;
inline constexpr core::StreamId kBackgrounds = 6;
inline constexpr core::StreamId kEliteFollowers = 7;
inline constexpr core::StreamId kRegions = 8;
inline constexpr core::StreamId kMerchants = 9;
inline constexpr core::StreamId kCohortLayout = 10;  // homophily
inline constexpr core::StreamId kRegionLayout = 11;
inline constexpr core::StreamId kInterestLayout = 12;
inline constexpr core::StreamId kSellers = 13;  // social commerce

inline constexpr core::StreamId kAdoption = 16;
inline constexpr core::StreamId kPublish = 17;
inline constexpr core::StreamId kFeed = 18;
inline constexpr core::StreamId kItemQuality = 19;
inline constexpr core::StreamId kEntry = 20;
inline constexpr core::StreamId kLiveSession = 21;
inline constexpr core::StreamId kMiniProgram = 22;
inline constexpr core::StreamId kLocalNeeds = 23;
inline constexpr core::StreamId kNewCreator = 24;
inline constexpr core::StreamId kActivity = 25;
inline constexpr core::StreamId kSeededLikes = 26;
// Live commerce as a market (issue 12): ids from 40, clear of other phases' new streams.
inline constexpr core::StreamId kMerchantCommission = 40;  // world
inline constexpr core::StreamId kMarketMerchant = 41;
inline constexpr core::StreamId kMarketHost = 42;
inline constexpr core::StreamId kLiveReach = 43;
inline constexpr core::StreamId kSocialOrders = 27;
inline constexpr core::StreamId kTourism = 44;  // issue 12, local services

}  // namespace grassroots::model::stream
