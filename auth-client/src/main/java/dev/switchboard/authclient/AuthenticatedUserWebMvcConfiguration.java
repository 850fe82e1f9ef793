package dev.switchboard.authclient;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets every Spring MVC service take an {@link AuthenticatedUser} as a handler argument,
 * wherever a {@link TokenVerifier} exists.
 */
@AutoConfiguration(after = AuthClientAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(TokenVerifier.class)
public class AuthenticatedUserWebMvcConfiguration implements WebMvcConfigurer {

    private final AuthenticatedUserArgumentResolver resolver;

    AuthenticatedUserWebMvcConfiguration(TokenVerifier verifier) {
        this.resolver = new AuthenticatedUserArgumentResolver(verifier);
    }

    @Bean
    AuthenticatedUserArgumentResolver authenticatedUserArgumentResolver() {
        return this.resolver;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this.resolver);
    }

}
